/**
 * Admin credentials on the wire: sealed by the provisioner for the one service that
 * reveals them, so that no Kafka record, log line or view table ever holds them in
 * plaintext.
 */
@NullMarked
package dev.dbaas.pipeline.contract.credentials;

import org.jspecify.annotations.NullMarked;
