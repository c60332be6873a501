package dev.dbaas.pipeline.intake.order;

import java.time.Clock;
import java.util.List;

import dev.dbaas.pipeline.intake.catalog.Catalog;
import org.jspecify.annotations.Nullable;

/**
 * Checks a draft against every rule of the catalog and reports every violation at once,
 * each with a JSON pointer and a hint on how to fix it. Each step of the order wizard has
 * its rule; the values they accept parse themselves ({@link CustomerId},
 * {@link EmailAddress}, {@link TrustedSourceParser}...). Violations come in the order of
 * the request's fields.
 *
 * <p>
 * Stateless apart from the catalog, and thread-safe.
 */
public final class OrderValidator {

	private final CustomerRule customer = new CustomerRule();

	private final DatabaseRule database;

	private final NodeSizeRule nodeSize;

	private final StorageRule storage;

	private final TrustedSourcesRule trustedSources;

	private final RegionRule region;

	private final InvoiceProfileRule invoiceProfile = new InvoiceProfileRule();

	private final DocumentsRule documents;

	/**
	 * Creates a validator for a catalog, with versions retired by the system clock (UTC).
	 * @param catalog the catalog orders are checked against
	 */
	public OrderValidator(Catalog catalog) {
		this(catalog, Clock.systemUTC());
	}

	/**
	 * Creates a validator for a catalog.
	 * @param catalog the catalog orders are checked against
	 * @param clock tells which versions are past their end of life
	 */
	public OrderValidator(Catalog catalog, Clock clock) {
		this.database = new DatabaseRule(catalog, clock);
		this.nodeSize = new NodeSizeRule(catalog);
		this.storage = new StorageRule(catalog);
		this.trustedSources = new TrustedSourcesRule(catalog);
		this.region = new RegionRule(catalog);
		this.documents = new DocumentsRule(catalog);
	}

	/**
	 * Checks a draft.
	 * @param draft the order as sent
	 * @return the validated spec, or every violation
	 */
	public Validation validate(OrderDraft draft) {
		Checked<CustomerId> customer = this.customer.check(draft.customerId());
		Checked<DatabaseRule.Database> database = this.database.check(draft.databaseType(), draft.databaseVersion());
		Checked<String> nodeSize = this.nodeSize.check(draft.nodeSize());
		Checked<StorageSize> storage = this.storage.check(draft.storageGb());
		Checked<List<TrustedSource>> trustedSources = this.trustedSources.check(draft.trustedSources());
		Checked<String> region = this.region.check(draft.region());
		Checked<InvoiceProfile> invoiceProfile = this.invoiceProfile.check(draft.invoiceProfile());
		Checked<List<AcceptedDocument>> documents = this.documents.check(draft.acceptedDocuments());
		List<Violation> violations = Checked.violationsOf(customer, database, nodeSize, storage, trustedSources, region,
				invoiceProfile, documents);
		if (!violations.isEmpty()) {
			return new Validation.Invalid(violations);
		}
		return new Validation.Valid(new OrderSpec(customer.accepted(), database.accepted().type(),
				database.accepted().version(), nodeSize.accepted(), storage.accepted(), trustedSources.accepted(),
				region.accepted(), invoiceProfile.accepted(), documents.accepted()));
	}

	/**
	 * Checks a node size with the create's rule, for a change of an instance.
	 * @param value the node size as sent
	 * @return the catalog id, or the violations (pointer {@code /nodeSize})
	 */
	public Checked<String> checkNodeSize(@Nullable String value) {
		return this.nodeSize.check(value);
	}

	/**
	 * Checks a storage size with the create's rule (range and steps of the catalog), for
	 * a change of an instance.
	 * @param value the size in GB as sent
	 * @return the size, or the violations (pointer {@code /storageGb})
	 */
	public Checked<StorageSize> checkStorage(@Nullable Long value) {
		return this.storage.check(value);
	}

	/**
	 * Checks trusted sources with the create's parser and policy, for a change of an
	 * instance.
	 * @param values the list as sent
	 * @return the canonical sources, or the violations (pointers below
	 * {@code /trustedSources})
	 */
	public Checked<List<TrustedSource>> checkTrustedSources(@Nullable List<@Nullable String> values) {
		return this.trustedSources.check(values);
	}

	/**
	 * Checks the customer id with the create's rule.
	 * @param value the customer id as sent
	 * @return the id, or the violations (pointer {@code /customerId})
	 */
	public Checked<CustomerId> checkCustomer(@Nullable String value) {
		return this.customer.check(value);
	}

}
