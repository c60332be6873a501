/**
 * The JUnit and Spring glue that gives each test class its own topics and database on
 * real Kafka and PostgreSQL servers, and fixtures of valid pipeline events.
 */
@NullMarked
package dev.dbaas.pipeline.testkit;

import org.jspecify.annotations.NullMarked;
