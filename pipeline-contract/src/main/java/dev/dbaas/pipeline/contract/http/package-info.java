/**
 * The HTTP problem vocabulary (RFC 9457) that every API of the pipeline answers with.
 */
@NullMarked
package dev.dbaas.pipeline.contract.http;

import org.jspecify.annotations.NullMarked;
