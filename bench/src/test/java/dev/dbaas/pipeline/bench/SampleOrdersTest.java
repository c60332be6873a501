package dev.dbaas.pipeline.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SampleOrdersTest {

	@Test
	void bodiesVaryCustomerAndStorageAndRepeatAfterAThousand() {
		assertThat(SampleOrders.body(0)).contains("\"customerId\":\"c-1000\"", "\"storageGb\":50,");
		assertThat(SampleOrders.body(9)).contains("\"customerId\":\"c-1009\"", "\"storageGb\":500,");
		assertThat(SampleOrders.body(1000)).isEqualTo(SampleOrders.body(0));
	}

	@Test
	void theEventAcceptsEveryDocumentLikeTheBodies() {
		assertThat(SampleOrders.orderPlaced().getAcceptedDocuments()).hasSize(3);
		assertThat(SampleOrders.orderPlacedBytes()).isNotEmpty();
	}

}
