/**
 * Spring wiring of the contract: binds the topics and provides the trace helper in every
 * service that has the contract on its class path.
 */
@NullMarked
package dev.dbaas.pipeline.contract.config;

import org.jspecify.annotations.NullMarked;
