package dev.dbaas.pipeline.devstack;

/**
 * The example order the launcher prints as a ready-to-paste curl command; the system
 * tests place the same order.
 */
public final class ExampleOrder {

	/** A valid order request body: MariaDB 10.11 on b2-4 in DE-WEST-1 for c-1001. */
	public static final String JSON = """
			{"customerId":"c-1001","databaseType":"MARIADB","databaseVersion":"10.11","nodeSize":"b2-4",\
			"storageGb":50,"trustedSources":["123.123.123.123/32","222.222.222.128/28"],"region":"DE-WEST-1",\
			"invoiceProfile":{"existingId":"inv-7781"},"acceptedDocuments":[\
			{"id":"terms-of-service","version":"2025-01"},\
			{"id":"data-processing-agreement","version":"2025-01"},\
			{"id":"service-description","version":"2025-01"}]}""";

	private ExampleOrder() {
	}

}
