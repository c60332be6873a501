/**
 * Group commit for the provisioner's short transactions: workers, the listener, the
 * claimer and the simulated backend hand their writes to a few writer threads that commit
 * many of them in one transaction.
 */
@NullMarked
package dev.dbaas.pipeline.provisioner.groupcommit;

import org.jspecify.annotations.NullMarked;
