/**
 * Admission control: refuses new orders fast (503 with Retry-After) while the pipeline
 * behind order-intake is further behind than a bound, instead of accepting orders faster
 * than they finish.
 */
@NullMarked
package dev.dbaas.pipeline.intake.admission;

import org.jspecify.annotations.NullMarked;
