/**
 * Spring wiring of the instances: the application service, the private key that opens
 * sealed credentials, and the reveal counter.
 */
@NullMarked
package dev.dbaas.pipeline.status.instance.config;

import org.jspecify.annotations.NullMarked;
