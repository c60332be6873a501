package dev.dbaas.pipeline.devstack.portal;

import java.net.URI;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ApiForwarderTest {

	private final ApiForwarder forwarder = new ApiForwarder(Runnable::run, URI.create("http://localhost:8083"));

	@Test
	void aLocationAtStatusServiceBecomesAPathOnThePortal() {
		assertThat(this.forwarder.relativeToPortal("http://localhost:8083/v1/orders/o-1")).isEqualTo("/v1/orders/o-1");
	}

	@Test
	void otherHeaderValuesPassUnchanged() {
		assertThat(this.forwarder.relativeToPortal("http://localhost:8081/v1/orders"))
			.isEqualTo("http://localhost:8081/v1/orders");
		assertThat(this.forwarder.relativeToPortal("http://localhost:80830/v1/orders"))
			.isEqualTo("http://localhost:80830/v1/orders");
		assertThat(this.forwarder.relativeToPortal("\"etag-1\"")).isEqualTo("\"etag-1\"");
	}

}
