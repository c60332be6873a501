/**
 * Database instances as the customer sees them: the state folded from the instance's
 * orders, its connection facts, and the reveal of its sealed admin credentials. Free of
 * Spring, JDBC and the Avro wire classes.
 */
@NullMarked
package dev.dbaas.pipeline.status.instance;

import org.jspecify.annotations.NullMarked;
