package dev.dbaas.pipeline.devstack;

import java.io.IOException;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LocalInfrastructureTest {

	@Test
	void portZeroStaysAnyPort() {
		assertThat(LocalInfrastructure.portOrFree(0, "Kafka", "--kafka-port")).isZero();
	}

	@Test
	void aTakenPortIsReplacedByAFreeOne() throws IOException {
		try (ServerSocket taken = new ServerSocket(0)) {
			int port = LocalInfrastructure.portOrFree(taken.getLocalPort(), "PostgreSQL", "--postgres-port");
			assertThat(port).isPositive().isNotEqualTo(taken.getLocalPort());
		}
	}

	@Test
	void everyServiceHasItsDatabase() {
		assertThat(LocalInfrastructure.DATABASES).containsExactly("intake", "provisioner", "status");
	}

}
