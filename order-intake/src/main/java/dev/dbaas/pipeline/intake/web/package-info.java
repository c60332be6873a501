/**
 * Cross-cutting HTTP concerns: problem responses, request size limit, OpenAPI
 * description.
 */
@NullMarked
package dev.dbaas.pipeline.intake.web;

import org.jspecify.annotations.NullMarked;
