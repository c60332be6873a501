package dev.dbaas.pipeline.intake.order;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.dbaas.pipeline.intake.catalog.Catalog;
import dev.dbaas.pipeline.intake.catalog.DocumentOffer;
import dev.dbaas.pipeline.intake.order.OrderDraft.AcceptedDocumentDraft;
import org.jspecify.annotations.Nullable;

/**
 * The last step: the customer accepted every document of the catalog, each once and at
 * its current version.
 */
final class DocumentsRule {

	private final Catalog catalog;

	DocumentsRule(Catalog catalog) {
		this.catalog = catalog;
	}

	Checked<List<AcceptedDocument>> check(@Nullable List<@Nullable AcceptedDocumentDraft> drafts) {
		List<Violation> violations = new ArrayList<>();
		List<DocumentOffer> required = this.catalog.documents();
		if (drafts == null) {
			violations.add(new Violation("/acceptedDocuments",
					"acceptedDocuments is missing; the customer must accept " + describe(required)));
			return new Checked<>(List.of(), violations);
		}
		Map<String, Integer> seen = new HashMap<>();
		List<AcceptedDocument> accepted = new ArrayList<>();
		for (int i = 0; i < drafts.size(); i++) {
			AcceptedDocument document = document(i, drafts.get(i), seen, violations);
			if (document != null) {
				accepted.add(document);
			}
		}
		List<DocumentOffer> missing = required.stream().filter((offer) -> !seen.containsKey(offer.id())).toList();
		if (!missing.isEmpty()) {
			violations.add(new Violation("/acceptedDocuments",
					"the customer has not accepted " + describe(missing) + "; they must accept every document"));
		}
		return new Checked<>(accepted, violations);
	}

	private @Nullable AcceptedDocument document(int index, @Nullable AcceptedDocumentDraft draft,
			Map<String, Integer> seen, List<Violation> violations) {
		String pointer = "/acceptedDocuments/" + index;
		if (draft == null) {
			violations.add(new Violation(pointer, "write the entry as {\"id\": \"...\", \"version\": \"...\"}"));
			return null;
		}
		if (draft.id() == null) {
			violations.add(new Violation(pointer + "/id", "id is missing; name the accepted document"));
			return null;
		}
		DocumentOffer offer = this.catalog.document(draft.id()).orElse(null);
		if (offer == null) {
			violations.add(new Violation(pointer + "/id",
					"unknown document '" + UserInput.echo(draft.id()) + "'; the catalog lists "
							+ CatalogChoices.list(this.catalog.documents().stream().map(DocumentOffer::id).toList())));
			return null;
		}
		Integer earlier = seen.putIfAbsent(offer.id(), index);
		if (earlier != null) {
			violations.add(new Violation(pointer,
					offer.id() + " is listed twice (also at /acceptedDocuments/" + earlier + "); remove one"));
			return null;
		}
		if (draft.version() == null) {
			violations.add(new Violation(pointer + "/version",
					"version is missing; send the accepted version " + offer.version()));
			return null;
		}
		if (!offer.version().equals(draft.version())) {
			violations.add(new Violation(pointer + "/version",
					offer.title() + " is at version " + offer.version() + ", not '" + UserInput.echo(draft.version())
							+ "'; show the customer the current version and send " + offer.version()));
			return null;
		}
		return new AcceptedDocument(offer.id(), offer.version());
	}

	private static String describe(List<DocumentOffer> documents) {
		return documents.stream()
			.map((document) -> document.id() + " (version " + document.version() + ")")
			.collect(Collectors.joining(", "));
	}

}
