/**
 * Hooks: typed points around every step of the gateway where plugins observe, modify, gate or
 * claim.
 *
 * <p>{@link dev.pincer.api.hook.HookPoint} lists the points, each with its {@link
 * dev.pincer.api.hook.HookKind} and event type; a {@link dev.pincer.api.hook.HookHandler} answers
 * each event with a {@link dev.pincer.api.hook.HookOutcome}. The kind decides how handlers run and
 * which outcomes Pincer honours.
 *
 * @since 0.1.0
 */
package dev.pincer.api.hook;
