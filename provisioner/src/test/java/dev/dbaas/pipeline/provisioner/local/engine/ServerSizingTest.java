package dev.dbaas.pipeline.provisioner.local.engine;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Node sizes scaled down for one machine: buffers are node RAM / the factor, at least 8
 * MB.
 */
class ServerSizingTest {

	@ParameterizedTest(name = "{0} / {1} -> {2} MB, {3} connections")
	@CsvSource({ "b2-4, 256, 16, 20", "a4-16, 256, 64, 30", "r16-128, 256, 512, 90", "b2-4, 1024, 8, 20",
			"b2-4, 4096, 8, 20", "b32-64, 256, 256, 100" })
	void buffersAreNodeRamDividedByTheScaleFactor(String nodeSize, int factor, int bufferMb, int connections) {
		ServerSizing sizing = ServerSizing.of(nodeSize, factor);

		assertThat(sizing.bufferMb()).isEqualTo(bufferMb);
		assertThat(sizing.maxConnections()).isEqualTo(connections);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "large", "b2", "b2-", "B2-4", "b-4" })
	void refusesNodeSizesThatDoNotNameTheirRam(String nodeSize) {
		assertThatIllegalArgumentException().isThrownBy(() -> ServerSizing.of(nodeSize, 256))
			.withMessageContaining("node size");
	}

}
