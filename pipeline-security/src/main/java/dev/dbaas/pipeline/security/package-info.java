/**
 * Who is calling an HTTP API of the pipeline, and what it may do: the {@link Caller} of a
 * request, resolved from its bearer JWT, and the scopes that name the permissions.
 */
@NullMarked
package dev.dbaas.pipeline.security;

import org.jspecify.annotations.NullMarked;
