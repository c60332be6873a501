/**
 * What the fault suite puts into the processes it starts: a guard that ends a service
 * when the test JVM that started it is gone.
 */
@NullMarked
package dev.dbaas.pipeline.systemtests.faults;

import org.jspecify.annotations.NullMarked;
