/**
 * HTTP edge of the instances: {@code /v1/instances}, the credential reveal and their
 * problem responses.
 */
@NullMarked
package dev.dbaas.pipeline.status.instance.web;

import org.jspecify.annotations.NullMarked;
