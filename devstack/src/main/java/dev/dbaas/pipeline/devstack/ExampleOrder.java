package dev.dbaas.pipeline.devstack;

import dev.dbaas.pipeline.localinfra.sample.ValidOrder;

/**
 * The example order the launcher prints as a ready-to-paste curl command: the
 * {@link ValidOrder} the benchmarks and the tests place too.
 */
public final class ExampleOrder {

	/** A valid order request body: MariaDB 10.11 on b2-4 in DE-WEST-1 for c-1001. */
	public static final String JSON = ValidOrder.aValidOrder().toJson();

	private ExampleOrder() {
	}

}
