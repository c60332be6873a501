package dev.dbaas.pipeline.intake.order;

import java.util.List;

/**
 * How the rules list the catalog's choices in their hints.
 */
final class CatalogChoices {

	private CatalogChoices() {
	}

	/**
	 * Lists ids for a hint.
	 * @param ids the ids, in catalog order
	 * @return e.g. {@code MARIADB, MYSQL}
	 */
	static String list(List<String> ids) {
		return String.join(", ", ids);
	}

}
