/**
 * The local backend's own certificate authority and the per-instance server certificates
 * it signs.
 */
@NullMarked
package dev.dbaas.pipeline.provisioner.local.tls;

import org.jspecify.annotations.NullMarked;
