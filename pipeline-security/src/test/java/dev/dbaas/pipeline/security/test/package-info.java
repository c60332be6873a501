/**
 * Test support for the services: one local token issuer per test JVM that every Spring
 * Boot test context trusts, and tokens from it.
 */
@NullMarked
package dev.dbaas.pipeline.security.test;

import org.jspecify.annotations.NullMarked;
