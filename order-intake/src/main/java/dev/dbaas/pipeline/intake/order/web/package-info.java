/**
 * HTTP edge of order placement: reads the JSON body strictly and maps outcomes to 202 or
 * problem responses.
 */
@NullMarked
package dev.dbaas.pipeline.intake.order.web;

import org.jspecify.annotations.NullMarked;
