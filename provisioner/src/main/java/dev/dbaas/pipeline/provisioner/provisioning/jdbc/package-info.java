/**
 * The job store in PostgreSQL: jobs, leases claimed with {@code FOR UPDATE SKIP LOCKED},
 * and each state change written with its outbox row in one transaction.
 */
@NullMarked
package dev.dbaas.pipeline.provisioner.provisioning.jdbc;

import org.jspecify.annotations.NullMarked;
