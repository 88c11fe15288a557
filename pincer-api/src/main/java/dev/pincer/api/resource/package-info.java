/**
 * Resources: data a plugin exposes for agents and people to read by URI, shaped after MCP.
 *
 * <p>A plugin registers a {@link dev.pincer.api.resource.ResourceSpec} with a {@link
 * dev.pincer.api.resource.ResourceHandler}; Pincer serves it over MCP as a resource, or as a
 * resource template when its URI holds {@code {variables}}.
 *
 * @since 0.1.0
 */
package dev.pincer.api.resource;
