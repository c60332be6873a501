package dev.dbaas.pipeline.testkit.architecture.shop.jdbc;

import dev.dbaas.pipeline.testkit.architecture.shop.Basket;

/** An adapter of the shop feature. */
public class JdbcBaskets {

	public Basket find(String id) {
		return new Basket(id);
	}

}
