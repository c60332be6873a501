/**
 * The worker pool of one instance: claims due jobs, drives each on its own thread, keeps
 * leases alive, times out overdue jobs, hands jobs back on shutdown, and reports metrics.
 */
@NullMarked
package dev.dbaas.pipeline.provisioner.provisioning.workers;

import org.jspecify.annotations.NullMarked;
