/**
 * The rebuild's HTTP edge: the actuator endpoint that starts a rebuild.
 */
@NullMarked
package dev.dbaas.pipeline.status.rebuild.web;

import org.jspecify.annotations.NullMarked;
