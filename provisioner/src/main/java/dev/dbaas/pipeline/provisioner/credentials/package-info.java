/**
 * Seals each provisioned database's admin credentials for status-service, the one service
 * that reveals them (docs/decisions/0032-sealed-admin-credentials.md).
 */
@NullMarked
package dev.dbaas.pipeline.provisioner.credentials;

import org.jspecify.annotations.NullMarked;
