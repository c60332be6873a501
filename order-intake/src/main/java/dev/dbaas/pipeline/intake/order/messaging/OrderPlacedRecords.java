package dev.dbaas.pipeline.intake.order.messaging;

import java.util.List;

import dev.dbaas.pipeline.events.AcceptedDocument;
import dev.dbaas.pipeline.events.DatabaseType;
import dev.dbaas.pipeline.events.ExistingInvoiceProfile;
import dev.dbaas.pipeline.events.InstanceChanges;
import dev.dbaas.pipeline.events.NewInvoiceProfile;
import dev.dbaas.pipeline.events.OrderType;
import dev.dbaas.pipeline.intake.order.InvoiceProfile;
import dev.dbaas.pipeline.intake.order.Order;
import dev.dbaas.pipeline.intake.order.OrderPlaced;
import dev.dbaas.pipeline.intake.order.OrderSpec;
import dev.dbaas.pipeline.intake.order.TrustedSource;

/**
 * Maps the domain's {@link OrderPlaced} to the wire schema's
 * {@link dev.dbaas.pipeline.events.OrderPlaced}: creates and changes alike, every one
 * with the instance's complete desired settings after it in the top-level fields. The
 * only place that knows both.
 */
final class OrderPlacedRecords {

	private OrderPlacedRecords() {
	}

	static dev.dbaas.pipeline.events.OrderPlaced toRecord(OrderPlaced event) {
		Order order = event.order();
		OrderSpec spec = order.spec();
		return dev.dbaas.pipeline.events.OrderPlaced.newBuilder()
			.setEventId(event.eventId().toString())
			.setOccurredAt(order.placedAt())
			.setOrderId(order.id().toString())
			.setInstanceId(order.instanceId().value())
			.setCustomerId(spec.customerId().value())
			.setDatabaseType(DatabaseType.valueOf(spec.databaseType()))
			.setDatabaseVersion(spec.databaseVersion())
			.setNodeSize(spec.nodeSize())
			.setStorageGb(spec.storage().gb())
			.setTrustedSources(spec.trustedSources().stream().map(TrustedSource::cidr).toList())
			.setRegion(spec.region())
			.setInvoiceProfile(invoiceProfile(spec.invoiceProfile()))
			.setAcceptedDocuments(acceptedDocuments(spec))
			.setType(OrderType.valueOf(order.type().name()))
			.setInstanceVersion(order.instanceVersion())
			.setChanges((order.changes() != null) ? changes(order.changes()) : null)
			.setDeletionProtection(order.deletionProtection())
			.setRequestedBy(order.requestedBy())
			.build();
	}

	private static InstanceChanges changes(dev.dbaas.pipeline.intake.order.InstanceChanges changes) {
		return InstanceChanges.newBuilder()
			.setStorageGb((changes.storage() != null) ? changes.storage().gb() : null)
			.setNodeSize(changes.nodeSize())
			.setTrustedSources((changes.trustedSources() != null)
					? changes.trustedSources().stream().map(TrustedSource::cidr).toList() : null)
			.setDeletionProtection(changes.deletionProtection())
			.build();
	}

	private static Object invoiceProfile(InvoiceProfile profile) {
		if (profile instanceof InvoiceProfile.Existing existing) {
			return ExistingInvoiceProfile.newBuilder().setId(existing.id()).build();
		}
		InvoiceProfile.New created = (InvoiceProfile.New) profile;
		return NewInvoiceProfile.newBuilder()
			.setCompanyName(created.companyName())
			.setEmail(created.email())
			.setStreet(created.street())
			.setPostalCode(created.postalCode())
			.setCity(created.city())
			.setCountry(created.country())
			.setVatId(created.vatId())
			.build();
	}

	private static List<AcceptedDocument> acceptedDocuments(OrderSpec spec) {
		return spec.acceptedDocuments()
			.stream()
			.map((document) -> AcceptedDocument.newBuilder()
				.setId(document.id())
				.setVersion(document.version())
				.build())
			.toList();
	}

}
