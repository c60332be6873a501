package dev.dbaas.pipeline.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OrderApiTest {

	@Test
	void readsTheOrderIdOfAnAcceptedOrder() {
		assertThat(OrderApi.orderId("{\"orderId\" : \"0b6f\",\"status\":\"NEW\"}")).contains("0b6f");
		assertThat(OrderApi.orderId("{\"status\":\"NEW\"}")).isEmpty();
	}

	@Test
	void readsTheStatusOfAnOrderOrCallsItUnknown() {
		assertThat(OrderApi.status("{\"orderId\":\"o-1\",\"status\":\"PROCESSING\"}")).isEqualTo("PROCESSING");
		assertThat(OrderApi.status("{}")).isEqualTo("UNKNOWN");
	}

	@Test
	void namesTheInnermostCauseOfAFailedRequest() {
		IOException error = new IOException("wrapped", new UncheckedIOException(new ConnectException("refused")));
		assertThat(OrderApi.rootCause(error)).isEqualTo("ConnectException");
	}

	@Test
	void namesARefusalByItsStatusAndTheLastSegmentOfItsProblemType() {
		assertThat(OrderApi.refusalReason(503,
				"{\"type\":\"https://dbaas.dev/problems/overloaded\",\"title\":\"Overloaded\",\"status\":503}"))
			.isEqualTo("503 overloaded");
		assertThat(OrderApi.refusalReason(429, "{\"type\": \"urn:problem:rate-limited\"}"))
			.isEqualTo("429 urn:problem:rate-limited");
		assertThat(OrderApi.refusalReason(429, "<html>Too Many</html>")).isEqualTo("429");
	}

	@Test
	void onlyTooManyRequestsAndUnavailableAreRefusals() {
		assertThat(OrderApi.isRefusal(429)).isTrue();
		assertThat(OrderApi.isRefusal(503)).isTrue();
		assertThat(OrderApi.isRefusal(500)).isFalse();
		assertThat(OrderApi.isRefusal(400)).isFalse();
		assertThat(OrderApi.isRefusal(202)).isFalse();
	}

}
