/**
 * Spring wiring of the service as a whole: the API's security rules.
 */
@NullMarked
package dev.dbaas.pipeline.status.config;

import org.jspecify.annotations.NullMarked;
