/**
 * Checks of the Kubernetes manifests under {@code deploy/kubernetes}: every rendered
 * object against its kind's schema, and the manifests against the services' own
 * configuration.
 */
@NullMarked
package dev.dbaas.pipeline.deploy;

import org.jspecify.annotations.NullMarked;
