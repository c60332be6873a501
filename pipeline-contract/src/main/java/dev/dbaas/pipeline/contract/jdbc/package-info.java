/**
 * Database plumbing the services share: the group commit that lets concurrent callers
 * share one transaction's statements, round trips and WAL flush.
 */
@NullMarked
package dev.dbaas.pipeline.contract.jdbc;

import org.jspecify.annotations.NullMarked;
