/**
 * The servlet side of API security, shared by the services: bearer JWT validation with a
 * required issuer and audience, scopes as authorities, problem responses for 401 and 403,
 * security headers, CORS from configured origins and the actuator rule.
 */
@NullMarked
package dev.dbaas.pipeline.security.web;

import org.jspecify.annotations.NullMarked;
