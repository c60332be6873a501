/**
 * A local token issuer for the launcher and tests: an RSA signing key kept in a
 * directory, and tokens signed with it that the services accept when configured with its
 * public key.
 */
@NullMarked
package dev.dbaas.pipeline.security.local;

import org.jspecify.annotations.NullMarked;
