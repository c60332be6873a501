/**
 * PostgreSQL adapter of the instances: reads them from the order view and keeps the log
 * of credential reveals.
 */
@NullMarked
package dev.dbaas.pipeline.status.instance.jdbc;

import org.jspecify.annotations.NullMarked;
