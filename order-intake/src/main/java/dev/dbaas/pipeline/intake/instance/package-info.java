/**
 * Instances of databases and their change orders: which order of an instance is pending,
 * its desired settings, and the guarded transitions of both (docs/lifecycle.md).
 */
@NullMarked
package dev.dbaas.pipeline.intake.instance;

import org.jspecify.annotations.NullMarked;
