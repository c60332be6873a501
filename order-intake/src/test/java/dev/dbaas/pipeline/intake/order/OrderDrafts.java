package dev.dbaas.pipeline.intake.order;

import java.util.ArrayList;
import java.util.List;

import dev.dbaas.pipeline.intake.order.OrderDraft.AcceptedDocumentDraft;
import dev.dbaas.pipeline.intake.order.OrderDraft.InvoiceProfileDraft;
import dev.dbaas.pipeline.intake.order.OrderDraft.NewInvoiceProfileDraft;
import org.jspecify.annotations.Nullable;

/**
 * Test fixture: a valid order draft for the default catalog, changed one field at a time.
 */
public final class OrderDrafts {

	private @Nullable String customerId = "c-1001";

	private @Nullable String databaseType = "MARIADB";

	private @Nullable String databaseVersion = "10.11";

	private @Nullable String nodeSize = "b2-4";

	private @Nullable Long storageGb = 50L;

	private @Nullable List<@Nullable String> trustedSources = List.of("123.123.123.123/32", "222.222.222.128/28");

	private @Nullable String region = "DE-WEST-1";

	private @Nullable InvoiceProfileDraft invoiceProfile = InvoiceProfileDraft.existing("inv-7781");

	private @Nullable List<@Nullable AcceptedDocumentDraft> acceptedDocuments = currentDocuments();

	private OrderDrafts() {
	}

	public static OrderDrafts aValidOrder() {
		return new OrderDrafts();
	}

	public static List<@Nullable AcceptedDocumentDraft> currentDocuments() {
		return new ArrayList<>(List.of(new AcceptedDocumentDraft("terms-of-service", "2025-01"),
				new AcceptedDocumentDraft("data-processing-agreement", "2025-01"),
				new AcceptedDocumentDraft("service-description", "2025-01")));
	}

	public static NewInvoiceProfileDraft aNewInvoiceProfile() {
		return new NewInvoiceProfileDraft("Example GmbH", "billing@example.com", "Domstr. 1", "50667", "Köln", "DE",
				"DE123456789");
	}

	public OrderDrafts withCustomerId(@Nullable String value) {
		this.customerId = value;
		return this;
	}

	public OrderDrafts withDatabaseType(@Nullable String value) {
		this.databaseType = value;
		return this;
	}

	public OrderDrafts withDatabaseVersion(@Nullable String value) {
		this.databaseVersion = value;
		return this;
	}

	public OrderDrafts withNodeSize(@Nullable String value) {
		this.nodeSize = value;
		return this;
	}

	public OrderDrafts withStorageGb(@Nullable Long value) {
		this.storageGb = value;
		return this;
	}

	public OrderDrafts withStorageGb(long value) {
		this.storageGb = value;
		return this;
	}

	public OrderDrafts withTrustedSources(@Nullable String... values) {
		this.trustedSources = (values != null) ? new ArrayList<>(java.util.Arrays.asList(values)) : null;
		return this;
	}

	public OrderDrafts withoutTrustedSources() {
		this.trustedSources = null;
		return this;
	}

	public OrderDrafts withRegion(@Nullable String value) {
		this.region = value;
		return this;
	}

	public OrderDrafts withInvoiceProfile(@Nullable InvoiceProfileDraft value) {
		this.invoiceProfile = value;
		return this;
	}

	public OrderDrafts withNewInvoiceProfile(NewInvoiceProfileDraft value) {
		this.invoiceProfile = InvoiceProfileDraft.create(value);
		return this;
	}

	public OrderDrafts withAcceptedDocuments(@Nullable List<@Nullable AcceptedDocumentDraft> value) {
		this.acceptedDocuments = value;
		return this;
	}

	public OrderDraft build() {
		return new OrderDraft(this.customerId, this.databaseType, this.databaseVersion, this.nodeSize, this.storageGb,
				this.trustedSources, this.region, this.invoiceProfile, this.acceptedDocuments);
	}

}
