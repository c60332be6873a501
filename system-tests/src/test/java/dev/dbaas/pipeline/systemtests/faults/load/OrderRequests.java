package dev.dbaas.pipeline.systemtests.faults.load;

/**
 * Valid order requests as a portal backend posts them.
 */
public final class OrderRequests {

	private OrderRequests() {
	}

	/**
	 * A valid order: MariaDB 10.11 on b2-4 with 50 GB in DE-WEST-1, every document
	 * accepted.
	 * @param customerId the customer, which scenarios use to tell their orders apart
	 * @return the JSON body
	 */
	public static String aValidOrder(String customerId) {
		return """
				{"customerId":"%s","databaseType":"MARIADB","databaseVersion":"10.11","nodeSize":"b2-4",\
				"storageGb":50,"trustedSources":["123.123.123.123/32","222.222.222.128/28"],"region":"DE-WEST-1",\
				"invoiceProfile":{"existingId":"inv-7781"},"acceptedDocuments":[\
				{"id":"terms-of-service","version":"2025-01"},\
				{"id":"data-processing-agreement","version":"2025-01"},\
				{"id":"service-description","version":"2025-01"}]}""".formatted(customerId);
	}

}
