/**
 * HTTP adapter of the queries: the {@code /v1/orders} API on port 8083, with ETags, long
 * polling ({@code Prefer: wait}) and RFC 9457 problem responses.
 */
@NullMarked
package dev.dbaas.pipeline.status.query.web;

import org.jspecify.annotations.NullMarked;
