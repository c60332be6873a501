/**
 * The instance-id rule: how a database instance is named on the wire, in every API and in
 * every store.
 */
@NullMarked
package dev.dbaas.pipeline.contract.instance;

import org.jspecify.annotations.NullMarked;
