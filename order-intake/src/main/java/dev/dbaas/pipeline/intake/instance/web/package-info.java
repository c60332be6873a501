/**
 * HTTP edge of change orders: reads the JSON body strictly and maps outcomes to 202 or
 * problem responses.
 */
@NullMarked
package dev.dbaas.pipeline.intake.instance.web;

import org.jspecify.annotations.NullMarked;
