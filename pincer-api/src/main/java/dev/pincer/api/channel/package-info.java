/**
 * Channels and the message pipeline: where messages come from, how they are transformed, and
 * where replies go.
 *
 * <p>A {@link dev.pincer.api.channel.Channel} connects Pincer to a messaging surface such as a
 * console, a chat service or a webhook. Every message then passes the registered {@link
 * dev.pincer.api.channel.Stage}s of its direction, which may pass, replace or drop it.
 *
 * @since 0.1.0
 */
package dev.pincer.api.channel;
