/**
 * Spring wiring of the service as a whole: the API's security rules and its OpenAPI
 * description.
 */
@NullMarked
package dev.dbaas.pipeline.intake.config;

import org.jspecify.annotations.NullMarked;
