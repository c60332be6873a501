/**
 * Worker fleet that provisions ordered databases and emits status events.
 */
@NullMarked
package dev.dbaas.pipeline.provisioner;

import org.jspecify.annotations.NullMarked;
