/**
 * Real Kafka and PostgreSQL servers for integration tests and the local launcher, and the
 * JUnit and Spring glue that gives each test class its own topics and database.
 */
@NullMarked
package dev.dbaas.pipeline.testkit;

import org.jspecify.annotations.NullMarked;
