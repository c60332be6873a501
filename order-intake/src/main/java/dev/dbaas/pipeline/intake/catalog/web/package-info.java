/**
 * HTTP edge of the catalog: {@code GET /v1/catalog}.
 */
@NullMarked
package dev.dbaas.pipeline.intake.catalog.web;

import org.jspecify.annotations.NullMarked;
