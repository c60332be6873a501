package dev.dbaas.pipeline.localinfra.sample;

import java.util.List;
import java.util.Map;

import dev.dbaas.pipeline.events.OrderPlaced;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ValidOrderTest {

	@Test
	void theValidOrderIsTheExampleTheLauncherHasAlwaysPrinted() {
		assertThat(ValidOrder.aValidOrder().toJson()).isEqualTo("""
				{"customerId":"c-1001","databaseType":"MARIADB","databaseVersion":"10.11","nodeSize":"b2-4",\
				"storageGb":50,"trustedSources":["123.123.123.123/32","222.222.222.128/28"],"region":"DE-WEST-1",\
				"invoiceProfile":{"existingId":"inv-7781"},"acceptedDocuments":[\
				{"id":"terms-of-service","version":"2025-01"},\
				{"id":"data-processing-agreement","version":"2025-01"},\
				{"id":"service-description","version":"2025-01"}]}""");
	}

	@Test
	void aFieldSetAgainKeepsItsPlaceAndOneRemovedAndSetAgainGoesLast() {
		String json = ValidOrder.aValidOrder()
			.withStorageGb(49)
			.without("region")
			.withRegion("DE-NORTH-2")
			.withCustomerId("c-2")
			.toJson();
		assertThat(json).startsWith("{\"customerId\":\"c-2\",")
			.contains("\"storageGb\":49,")
			.endsWith(",\"region\":\"DE-NORTH-2\"}");
	}

	@Test
	void writesAnyJsonValueAndEscapesStrings() {
		String json = ValidOrder.aValidOrder()
			.with("customerId", "a\"b\\c\n\u0001")
			.with("storageGb", 50.5)
			.with("nodeSize", null)
			.with("databaseType", true)
			.with("trustedSources", List.of(134744072))
			.with("invoiceProfile", Map.of("new", Map.of("email", "a@b.de")))
			.toJson();
		assertThat(json).contains("\"customerId\":\"a\\\"b\\\\c\\n\\u0001\"", "\"storageGb\":50.5", "\"nodeSize\":null",
				"\"databaseType\":true", "\"trustedSources\":[134744072]",
				"\"invoiceProfile\":{\"new\":{\"email\":\"a@b.de\"}}");
	}

	@Test
	void refusesWhatIsNoJsonValue() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ValidOrder.aValidOrder().with("storageGb", Double.NaN).toJson());
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ValidOrder.aValidOrder().with("region", new Object()).toJson());
	}

	@Test
	void theEventCarriesTheSameOrderWithFreshIds() {
		OrderPlaced first = ValidOrder.anOrderPlaced().build();
		OrderPlaced second = ValidOrder.anOrderPlaced().build();
		assertThat(first.getCustomerId()).isEqualTo("c-1001");
		assertThat(first.getStorageGb()).isEqualTo(50);
		assertThat(first.getAcceptedDocuments()).hasSize(3);
		assertThat(first.getOrderId()).isNotEqualTo(second.getOrderId());
		assertThat(first.getEventId()).isNotEqualTo(second.getEventId());
	}

}
