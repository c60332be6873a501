package dev.dbaas.pipeline.localinfra;

import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FreePortsTest {

	@Test
	void handsOutAPortThatAServerCanBind() throws Exception {
		int port = FreePorts.any();

		assertThat(port).isBetween(1, 65535);
		try (ServerSocket socket = new ServerSocket(port)) {
			assertThat(socket.getLocalPort()).isEqualTo(port);
		}
	}

	@Test
	void reportsAPortWithAListenerAsTaken() throws Exception {
		try (ServerSocket socket = new ServerSocket(FreePorts.any())) {
			assertThat(FreePorts.isFree(socket.getLocalPort())).isFalse();
		}
	}

	@Test
	void keepsAChosenPortAndPicksOneForZero() {
		assertThat(FreePorts.orAny(8081)).isEqualTo(8081);
		assertThat(FreePorts.orAny(0)).isPositive();
	}

}
