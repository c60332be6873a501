/**
 * Loads the catalog from a configured JSON resource at start-up.
 */
@NullMarked
package dev.dbaas.pipeline.intake.catalog.config;

import org.jspecify.annotations.NullMarked;
