/**
 * The order view's domain: the events the view consumes and the order-independent merge
 * that turns them into the current state and history of an order. Free of Spring, Kafka,
 * JDBC and the Avro wire classes.
 */
@NullMarked
package dev.dbaas.pipeline.status.order;

import org.jspecify.annotations.NullMarked;
