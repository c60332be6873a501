package dev.dbaas.pipeline.intake.catalog;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Everything a portal needs to render the order form, and everything validation checks an
 * order against. Loaded from configuration, never from code.
 *
 * <p>
 * Immutable and thread-safe. Ids are unique within each list.
 *
 * @param databaseTypes database engines on offer
 * @param nodeSizes node sizes on offer
 * @param storage storage range
 * @param regions regions on offer
 * @param trustedSources limits on trusted sources
 * @param documents documents a customer must accept, at their current version
 */
public record Catalog(List<DatabaseTypeOffer> databaseTypes, List<NodeSizeOffer> nodeSizes, StorageOffer storage,
		List<RegionOffer> regions, TrustedSourcePolicy trustedSources, List<DocumentOffer> documents) {

	public Catalog {
		databaseTypes = nonEmptyUnique("databaseTypes", databaseTypes, DatabaseTypeOffer::id);
		nodeSizes = nonEmptyUnique("nodeSizes", nodeSizes, NodeSizeOffer::id);
		Objects.requireNonNull(storage, "storage");
		regions = nonEmptyUnique("regions", regions, RegionOffer::id);
		Objects.requireNonNull(trustedSources, "trustedSources");
		documents = unique("documents", documents, DocumentOffer::id);
	}

	/**
	 * The catalog as it stands on a day: versions past their end of life are no longer
	 * offered.
	 * @param today the day
	 * @return the catalog on that day
	 */
	public Catalog asOf(LocalDate today) {
		List<DatabaseTypeOffer> types = this.databaseTypes.stream().map((type) -> type.asOf(today)).toList();
		return new Catalog(types, this.nodeSizes, this.storage, this.regions, this.trustedSources, this.documents);
	}

	/**
	 * This catalog with another trusted-source policy.
	 * @param policy the policy
	 * @return the catalog
	 */
	public Catalog withTrustedSources(TrustedSourcePolicy policy) {
		return new Catalog(this.databaseTypes, this.nodeSizes, this.storage, this.regions, policy, this.documents);
	}

	public Optional<DatabaseTypeOffer> databaseType(String id) {
		return this.databaseTypes.stream().filter((type) -> type.id().equals(id)).findFirst();
	}

	public Optional<NodeSizeOffer> nodeSize(String id) {
		return this.nodeSizes.stream().filter((size) -> size.id().equals(id)).findFirst();
	}

	public Optional<RegionOffer> region(String id) {
		return this.regions.stream().filter((region) -> region.id().equals(id)).findFirst();
	}

	public Optional<DocumentOffer> document(String id) {
		return this.documents.stream().filter((document) -> document.id().equals(id)).findFirst();
	}

	private static <T> List<T> nonEmptyUnique(String what, List<T> items, Function<T, String> id) {
		List<T> copy = unique(what, items, id);
		if (copy.isEmpty()) {
			throw new IllegalArgumentException("catalog " + what + " must not be empty");
		}
		return copy;
	}

	private static <T> List<T> unique(String what, List<T> items, Function<T, String> id) {
		List<T> copy = List.copyOf(Objects.requireNonNull(items, what));
		Set<String> seen = new HashSet<>();
		for (T item : copy) {
			if (!seen.add(id.apply(item))) {
				throw new IllegalArgumentException("catalog " + what + " lists " + id.apply(item) + " twice");
			}
		}
		return copy;
	}

}
