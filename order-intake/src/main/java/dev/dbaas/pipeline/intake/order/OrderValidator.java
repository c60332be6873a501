package dev.dbaas.pipeline.intake.order;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import dev.dbaas.pipeline.intake.catalog.Catalog;
import dev.dbaas.pipeline.intake.catalog.DatabaseTypeOffer;
import dev.dbaas.pipeline.intake.catalog.DocumentOffer;
import dev.dbaas.pipeline.intake.catalog.NodeSizeOffer;
import dev.dbaas.pipeline.intake.catalog.RegionOffer;
import dev.dbaas.pipeline.intake.catalog.StorageOffer;
import dev.dbaas.pipeline.intake.order.OrderDraft.AcceptedDocumentDraft;
import dev.dbaas.pipeline.intake.order.OrderDraft.InvoiceProfileDraft;
import dev.dbaas.pipeline.intake.order.OrderDraft.NewInvoiceProfileDraft;

/**
 * Checks a draft against every rule of the catalog and reports every violation at once,
 * each with a JSON pointer and a hint on how to fix it.
 *
 * <p>
 * Stateless apart from the catalog, and thread-safe.
 */
public final class OrderValidator {

	private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

	private static final Pattern EMAIL = Pattern
		.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
				+ "@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}");

	private static final Pattern POSTAL_CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 -]{1,9}");

	private static final Pattern VAT_ID = Pattern.compile("[A-Z]{2}[A-Za-z0-9]{2,13}");

	private static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

	private final Catalog catalog;

	private final TrustedSourceParser trustedSourceParser;

	/**
	 * Creates a validator for a catalog.
	 * @param catalog the catalog orders are checked against
	 */
	public OrderValidator(Catalog catalog) {
		this.catalog = catalog;
		this.trustedSourceParser = new TrustedSourceParser(catalog.trustedSources());
	}

	/**
	 * Checks a draft.
	 * @param draft the order as sent
	 * @return the validated spec, or every violation
	 */
	public Validation validate(OrderDraft draft) {
		List<Violation> violations = new ArrayList<>();
		CustomerId customerId = customerId(draft.customerId(), violations);
		DatabaseTypeOffer type = databaseType(draft.databaseType(), violations);
		String version = databaseVersion(type, draft.databaseVersion(), violations);
		NodeSizeOffer nodeSize = nodeSize(draft.nodeSize(), violations);
		StorageSize storage = storage(draft.storageGb(), violations);
		List<TrustedSource> trustedSources = trustedSources(draft.trustedSources(), violations);
		RegionOffer region = region(draft.region(), violations);
		InvoiceProfile invoiceProfile = invoiceProfile(draft.invoiceProfile(), violations);
		List<AcceptedDocument> documents = acceptedDocuments(draft.acceptedDocuments(), violations);
		if (!violations.isEmpty()) {
			return new Validation.Invalid(violations);
		}
		return new Validation.Valid(
				new OrderSpec(nonNull(customerId), nonNull(type).id(), nonNull(version), nonNull(nodeSize).id(),
						nonNull(storage), trustedSources, nonNull(region).id(), nonNull(invoiceProfile), documents));
	}

	private @Nullable CustomerId customerId(@Nullable String value, List<Violation> violations) {
		if (value == null) {
			violations.add(new Violation("/customerId", "customerId is missing; send the portal's id of the customer"));
			return null;
		}
		if (!CustomerId.isValid(value)) {
			violations.add(new Violation("/customerId", "customerId must be 1 to 64 characters: letters, digits, "
					+ "'.', '_' or '-', starting with a letter or digit"));
			return null;
		}
		return new CustomerId(value);
	}

	private @Nullable DatabaseTypeOffer databaseType(@Nullable String value, List<Violation> violations) {
		String choices = ids(this.catalog.databaseTypes().stream().map(DatabaseTypeOffer::id).toList());
		if (value == null) {
			violations.add(new Violation("/databaseType", "databaseType is missing; choose one of " + choices));
			return null;
		}
		DatabaseTypeOffer type = this.catalog.databaseType(value).orElse(null);
		if (type == null) {
			violations.add(new Violation("/databaseType",
					"unknown database type '" + clip(value) + "'; choose one of " + choices));
		}
		return type;
	}

	private @Nullable String databaseVersion(@Nullable DatabaseTypeOffer type, @Nullable String value,
			List<Violation> violations) {
		if (type == null) {
			return null;
		}
		if (value == null) {
			return type.defaultVersion();
		}
		if (!type.versions().contains(value)) {
			violations.add(new Violation("/databaseVersion",
					type.name() + " has no version '" + clip(value) + "'; choose one of " + ids(type.versions())
							+ ", or leave databaseVersion out to get " + type.defaultVersion()));
			return null;
		}
		return value;
	}

	private @Nullable NodeSizeOffer nodeSize(@Nullable String value, List<Violation> violations) {
		String choices = ids(this.catalog.nodeSizes().stream().map(NodeSizeOffer::id).toList());
		if (value == null) {
			violations.add(new Violation("/nodeSize", "nodeSize is missing; choose one of " + choices));
			return null;
		}
		NodeSizeOffer size = this.catalog.nodeSize(value).orElse(null);
		if (size == null) {
			violations
				.add(new Violation("/nodeSize", "unknown node size '" + clip(value) + "'; choose one of " + choices));
		}
		return size;
	}

	private @Nullable StorageSize storage(@Nullable Long value, List<Violation> violations) {
		StorageOffer offer = this.catalog.storage();
		String range = offer.minGb() + " to " + offer.maxGb() + " GB in steps of " + offer.stepGb() + " GB";
		if (value == null) {
			violations.add(new Violation("/storageGb", "storageGb is missing; choose " + range));
			return null;
		}
		if (value < offer.minGb()) {
			violations.add(new Violation("/storageGb",
					value + " GB is below the minimum of " + offer.minGb() + " GB; choose " + range));
			return null;
		}
		if (value > offer.maxGb()) {
			violations.add(new Violation("/storageGb",
					value + " GB is above the maximum of " + offer.maxGb() + " GB; choose " + range));
			return null;
		}
		if (!offer.offers(value)) {
			long lower = value / offer.stepGb() * offer.stepGb();
			long upper = lower + offer.stepGb();
			String options = (lower >= offer.minGb()) ? lower + " or " + upper : Long.toString(upper);
			violations.add(new Violation("/storageGb", value + " GB is not a multiple of " + offer.stepGb()
					+ " GB; choose " + options + " (" + range + ")"));
			return null;
		}
		return new StorageSize(value.intValue());
	}

	private List<TrustedSource> trustedSources(@Nullable List<@Nullable String> values, List<Violation> violations) {
		int maxEntries = this.catalog.trustedSources().maxEntries();
		if (values == null || values.isEmpty()) {
			violations.add(new Violation("/trustedSources",
					"add at least one trusted source: the IPv4 addresses or ranges allowed to connect, e.g. "
							+ "123.123.123.123 or 222.222.222.128/28"));
			return List.of();
		}
		if (values.size() > maxEntries) {
			violations.add(new Violation("/trustedSources", values.size() + " trusted sources are listed; at most "
					+ maxEntries + " are allowed, so merge neighbouring addresses into ranges"));
		}
		// Entries past the limit are not checked one by one: the list has to shrink
		// anyway,
		// and a hostile list of thousands must not cost a quadratic overlap check.
		int checked = Math.min(values.size(), maxEntries);
		Map<Integer, TrustedSource> parsed = new LinkedHashMap<>();
		for (int i = 0; i < checked; i++) {
			String value = values.get(i);
			if (value == null) {
				violations.add(new Violation("/trustedSources/" + i,
						"write the entry as a string, e.g. \"123.123.123.123\" or \"222.222.222.128/28\""));
				continue;
			}
			TrustedSourceParser.Outcome outcome = this.trustedSourceParser.parse(value);
			if (outcome instanceof TrustedSourceParser.Outcome.Invalid invalid) {
				violations.add(new Violation("/trustedSources/" + i, invalid.detail()));
			}
			else if (outcome instanceof TrustedSourceParser.Outcome.Valid valid) {
				parsed.put(i, valid.source());
			}
		}
		List<TrustedSource> accepted = new ArrayList<>();
		Map<TrustedSource, Integer> firstIndex = new HashMap<>();
		for (Map.Entry<Integer, TrustedSource> entry : parsed.entrySet()) {
			int index = entry.getKey();
			TrustedSource source = entry.getValue();
			Integer duplicate = firstIndex.putIfAbsent(source, index);
			if (duplicate != null) {
				violations.add(new Violation("/trustedSources/" + index,
						source + " is listed twice (also at /trustedSources/" + duplicate + "); remove one"));
				continue;
			}
			String coveredBy = parsed.entrySet()
				.stream()
				.filter((other) -> other.getKey() != index && !other.getValue().equals(source)
						&& other.getValue().covers(source))
				.map((other) -> other.getValue() + " at /trustedSources/" + other.getKey())
				.findFirst()
				.orElse(null);
			if (coveredBy != null) {
				violations.add(new Violation("/trustedSources/" + index,
						source + " is already covered by " + coveredBy + "; remove it"));
				continue;
			}
			accepted.add(source);
		}
		return accepted;
	}

	private @Nullable RegionOffer region(@Nullable String value, List<Violation> violations) {
		String choices = ids(this.catalog.regions().stream().map(RegionOffer::id).toList());
		if (value == null) {
			violations.add(new Violation("/region", "region is missing; choose one of " + choices));
			return null;
		}
		RegionOffer region = this.catalog.region(value).orElse(null);
		if (region == null) {
			violations.add(new Violation("/region", "unknown region '" + clip(value) + "'; choose one of " + choices));
		}
		return region;
	}

	private @Nullable InvoiceProfile invoiceProfile(@Nullable InvoiceProfileDraft draft, List<Violation> violations) {
		String forms = "send either {\"existingId\": \"...\"} for a profile the customer already has, or "
				+ "{\"new\": {companyName, email, street, postalCode, city, country, vatId (optional)}}";
		if (draft == null || (!draft.existingIdPresent() && !draft.newProfilePresent())) {
			violations.add(new Violation("/invoiceProfile", "invoiceProfile is missing; " + forms));
			return null;
		}
		if (draft.existingIdPresent() && draft.newProfilePresent()) {
			violations.add(new Violation("/invoiceProfile", "invoiceProfile has both existingId and new; " + forms));
			return null;
		}
		if (draft.existingIdPresent()) {
			String id = draft.existingId();
			if (id == null || !REFERENCE.matcher(id).matches()) {
				violations.add(new Violation("/invoiceProfile/existingId", "existingId must be 1 to 64 characters: "
						+ "letters, digits, '.', '_' or '-', starting with a letter or digit"));
				return null;
			}
			return new InvoiceProfile.Existing(id);
		}
		NewInvoiceProfileDraft profile = draft.newProfile();
		if (profile == null) {
			violations.add(new Violation("/invoiceProfile/new", "new must hold the details of the invoice profile: "
					+ "companyName, email, street, postalCode, city, country and optionally vatId"));
			return null;
		}
		int before = violations.size();
		String base = "/invoiceProfile/new/";
		String companyName = text(base + "companyName", "companyName", profile.companyName(), 200, violations);
		String email = profile.email();
		if (email == null) {
			violations.add(new Violation(base + "email", "email is missing; send the address invoices go to"));
		}
		else if (email.length() > 254 || email.indexOf('@') > 64 || !EMAIL.matcher(email).matches()) {
			violations.add(new Violation(base + "email",
					"'" + clip(email) + "' is not a valid e-mail address; write it as name@example.com"));
		}
		String street = text(base + "street", "street", profile.street(), 200, violations);
		String postalCode = profile.postalCode();
		if (postalCode == null) {
			violations.add(new Violation(base + "postalCode", "postalCode is missing"));
		}
		else if (!POSTAL_CODE.matcher(postalCode).matches()) {
			violations.add(new Violation(base + "postalCode",
					"postalCode must be 2 to 10 letters, digits, spaces or dashes, e.g. 50667"));
		}
		String city = text(base + "city", "city", profile.city(), 100, violations);
		String country = profile.country();
		if (country == null) {
			violations
				.add(new Violation(base + "country", "country is missing; send the ISO 3166-1 alpha-2 code, e.g. DE"));
		}
		else if (!COUNTRIES.contains(country)) {
			String hint = COUNTRIES.contains(country.toUpperCase(Locale.ROOT))
					? "write it in upper case: " + country.toUpperCase(Locale.ROOT)
					: "send an ISO 3166-1 alpha-2 code, e.g. DE";
			violations.add(new Violation(base + "country", "'" + clip(country) + "' is not a country code; " + hint));
		}
		String vatId = profile.vatId();
		if (vatId != null && !VAT_ID.matcher(vatId).matches()) {
			violations.add(new Violation(base + "vatId",
					"'" + clip(vatId)
							+ "' is not a VAT id; write the country prefix and number without spaces, e.g. DE123456789,"
							+ " or leave vatId out"));
		}
		if (violations.size() > before) {
			return null;
		}
		return new InvoiceProfile.New(nonNull(companyName), nonNull(email), nonNull(street), nonNull(postalCode),
				nonNull(city), nonNull(country), vatId);
	}

	private List<AcceptedDocument> acceptedDocuments(@Nullable List<@Nullable AcceptedDocumentDraft> drafts,
			List<Violation> violations) {
		List<DocumentOffer> required = this.catalog.documents();
		if (drafts == null) {
			violations.add(new Violation("/acceptedDocuments",
					"acceptedDocuments is missing; the customer must accept " + describe(required)));
			return List.of();
		}
		Map<String, Integer> seen = new HashMap<>();
		List<AcceptedDocument> accepted = new ArrayList<>();
		for (int i = 0; i < drafts.size(); i++) {
			AcceptedDocumentDraft draft = drafts.get(i);
			String pointer = "/acceptedDocuments/" + i;
			if (draft == null) {
				violations.add(new Violation(pointer, "write the entry as {\"id\": \"...\", \"version\": \"...\"}"));
				continue;
			}
			if (draft.id() == null) {
				violations.add(new Violation(pointer + "/id", "id is missing; name the accepted document"));
				continue;
			}
			DocumentOffer offer = this.catalog.document(draft.id()).orElse(null);
			if (offer == null) {
				violations.add(new Violation(pointer + "/id", "unknown document '" + clip(draft.id())
						+ "'; the catalog lists " + ids(required.stream().map(DocumentOffer::id).toList())));
				continue;
			}
			Integer earlier = seen.putIfAbsent(offer.id(), i);
			if (earlier != null) {
				violations.add(new Violation(pointer,
						offer.id() + " is listed twice (also at /acceptedDocuments/" + earlier + "); remove one"));
				continue;
			}
			if (draft.version() == null) {
				violations.add(new Violation(pointer + "/version",
						"version is missing; send the accepted version " + offer.version()));
				continue;
			}
			if (!offer.version().equals(draft.version())) {
				violations.add(new Violation(pointer + "/version",
						offer.title() + " is at version " + offer.version() + ", not '" + clip(draft.version())
								+ "'; show the customer the current version and send " + offer.version()));
				continue;
			}
			accepted.add(new AcceptedDocument(offer.id(), offer.version()));
		}
		List<DocumentOffer> missing = required.stream().filter((offer) -> !seen.containsKey(offer.id())).toList();
		if (!missing.isEmpty()) {
			violations.add(new Violation("/acceptedDocuments",
					"the customer has not accepted " + describe(missing) + "; they must accept every document"));
		}
		return accepted;
	}

	private static @Nullable String text(String pointer, String name, @Nullable String value, int maxLength,
			List<Violation> violations) {
		if (value == null) {
			violations.add(new Violation(pointer, name + " is missing"));
			return null;
		}
		if (value.isBlank()) {
			violations.add(new Violation(pointer, name + " is blank; fill it in"));
			return null;
		}
		if (value.length() > maxLength) {
			violations.add(new Violation(pointer,
					name + " has " + value.length() + " characters; at most " + maxLength + " are allowed"));
			return null;
		}
		if (value.chars().anyMatch(Character::isISOControl)) {
			violations
				.add(new Violation(pointer, name + " contains control characters such as line breaks; remove them"));
			return null;
		}
		return value;
	}

	private static String describe(List<DocumentOffer> documents) {
		return documents.stream()
			.map((document) -> document.id() + " (version " + document.version() + ")")
			.collect(Collectors.joining(", "));
	}

	private static String ids(List<String> ids) {
		return String.join(", ", ids);
	}

	/** Echoes user input in messages, but never more than a screenful of it. */
	private static String clip(String value) {
		String printable = value.codePoints()
			.limit(40)
			.mapToObj((codePoint) -> Character.isISOControl(codePoint) ? String.format("\\u%04X", codePoint)
					: Character.toString(codePoint))
			.collect(Collectors.joining());
		return (value.codePointCount(0, value.length()) > 40) ? printable + "…" : printable;
	}

	private static <T> T nonNull(@Nullable T value) {
		if (value == null) {
			throw new IllegalStateException("validated value is missing although no violation was found");
		}
		return value;
	}

}
