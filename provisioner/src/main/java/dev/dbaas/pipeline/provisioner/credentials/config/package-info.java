/**
 * Spring wiring of the credentials seal: the public key from
 * {@code provisioner.credentials.public-key}.
 */
@NullMarked
package dev.dbaas.pipeline.provisioner.credentials.config;

import org.jspecify.annotations.NullMarked;
