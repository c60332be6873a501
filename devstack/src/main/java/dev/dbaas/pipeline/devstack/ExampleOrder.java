package dev.dbaas.pipeline.devstack;

import java.util.List;

import dev.dbaas.pipeline.localinfra.sample.ValidOrder;

/**
 * The example order the launcher prints as a ready-to-paste curl command: the
 * {@link ValidOrder} the benchmarks and the tests place too.
 */
public final class ExampleOrder {

	/** A valid order request body: MariaDB 10.11 on b2-4 in DE-WEST-1 for c-1001. */
	public static final String JSON = ValidOrder.aValidOrder().toJson();

	/**
	 * The banner's example on the real local backend: PostgreSQL 17 for
	 * {@code 127.0.0.1/32}, so that the database it creates accepts logins from this
	 * machine.
	 */
	public static final String LOCAL_JSON = ValidOrder.aValidOrder()
		.with("databaseType", "POSTGRESQL")
		.with("databaseVersion", "17")
		.with("trustedSources", List.of("127.0.0.1/32"))
		.toJson();

	private ExampleOrder() {
	}

}
