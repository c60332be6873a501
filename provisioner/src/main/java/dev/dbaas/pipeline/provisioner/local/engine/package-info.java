/**
 * Drivers that install, configure, start, stop and observe one engine's server processes
 * from the binaries Maven serves, free of Spring.
 */
@NullMarked
package dev.dbaas.pipeline.provisioner.local.engine;

import org.jspecify.annotations.NullMarked;
