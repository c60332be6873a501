/**
 * A provisioning backend that runs real PostgreSQL and MariaDB servers as processes on
 * the provisioner's own machine, one per order, with TLS and access rules from the
 * trusted sources.
 */
@NullMarked
package dev.dbaas.pipeline.provisioner.local;

import org.jspecify.annotations.NullMarked;
