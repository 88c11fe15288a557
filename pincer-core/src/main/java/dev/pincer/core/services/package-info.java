/**
 * Background services: the {@link dev.pincer.core.services.ServiceSupervisor} that starts, stops,
 * health-checks and restarts the {@link dev.pincer.api.Service}s plugins register, every call
 * through the lifecycle {@link dev.pincer.core.lifecycle.Guard}, and the policies and status
 * records it works with.
 */
package dev.pincer.core.services;
