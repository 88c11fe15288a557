/**
 * Hooks: the {@link dev.pincer.core.hooks.HookBus} that runs plugins' hook handlers at each {@link
 * dev.pincer.api.hook.HookPoint}, through the guard, as the point's {@link
 * dev.pincer.api.hook.HookKind} says, and the {@link dev.pincer.core.hooks.HookResult} the gateway
 * acts on. Uses {@code lifecycle} and the packages above it.
 *
 * @since 0.1.0
 */
package dev.pincer.core.hooks;
