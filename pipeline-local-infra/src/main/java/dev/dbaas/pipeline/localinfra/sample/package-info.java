/**
 * The one valid order of the local stack, as a request body and as its event, shared by
 * the launcher's banner, the benchmarks and the test kit's fixtures.
 */
@NullMarked
package dev.dbaas.pipeline.localinfra.sample;

import org.jspecify.annotations.NullMarked;
