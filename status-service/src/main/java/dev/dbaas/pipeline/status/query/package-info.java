/**
 * Queries on the view: one order, a filtered page of orders, an order's history, the
 * summary and its gauges, and waiting for an order to appear or change (long polling).
 */
@NullMarked
package dev.dbaas.pipeline.status.query;

import org.jspecify.annotations.NullMarked;
