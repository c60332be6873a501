package dev.dbaas.pipeline.testkit.architecture.billing;

import dev.dbaas.pipeline.testkit.architecture.shop.jdbc.JdbcBaskets;

/** A domain class that breaks both rules: it reaches into the shop's JDBC adapter. */
public class Invoice {

	public String basketOf(JdbcBaskets baskets) {
		return baskets.find("b-1").id();
	}

}
