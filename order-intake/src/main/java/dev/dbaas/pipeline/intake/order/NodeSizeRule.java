package dev.dbaas.pipeline.intake.order;

import java.util.ArrayList;
import java.util.List;

import dev.dbaas.pipeline.intake.catalog.Catalog;
import dev.dbaas.pipeline.intake.catalog.NodeSizeOffer;
import org.jspecify.annotations.Nullable;

/**
 * The node size step: a node size of the catalog, by its exact id.
 */
final class NodeSizeRule {

	private final Catalog catalog;

	NodeSizeRule(Catalog catalog) {
		this.catalog = catalog;
	}

	Checked<String> check(@Nullable String value) {
		List<Violation> violations = new ArrayList<>();
		String choices = CatalogChoices.list(this.catalog.nodeSizes().stream().map(NodeSizeOffer::id).toList());
		if (value == null) {
			violations
				.add(new Violation("/nodeSize", "nodeSize is missing; choose one of " + choices, "node-size-missing"));
			return new Checked<>(null, violations);
		}
		NodeSizeOffer size = this.catalog.nodeSize(value).orElse(null);
		if (size == null) {
			violations.add(new Violation("/nodeSize",
					"unknown node size '" + UserInput.echo(value) + "'; choose one of " + choices,
					"unknown-node-size"));
			return new Checked<>(null, violations);
		}
		return new Checked<>(size.id(), violations);
	}

}
