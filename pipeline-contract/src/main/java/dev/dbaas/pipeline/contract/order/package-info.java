/**
 * The rules for the values every service reads off the wire about an order, starting with
 * its id.
 */
@NullMarked
package dev.dbaas.pipeline.contract.order;

import org.jspecify.annotations.NullMarked;
