package dev.dbaas.pipeline.devstack;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DevStackOptionsTest {

	@Test
	void defaultsToTemporaryDataAndTheStandardPorts() {
		DevStackOptions options = DevStackOptions.parse(List.of());

		assertThat(options.dataDir()).isNull();
		assertThat(options.durable()).isFalse();
		assertThat(List.of(options.kafkaPort(), options.postgresPort(), options.intakePort(), options.provisionerPort(),
				options.statusPort()))
			.containsExactly(9092, 5432, 8081, 8082, 8083);
		assertThat(options.portalPort()).isEqualTo(8080);
	}

	@Test
	void readsThePortalPortAndKeepsItOutOfTheServiceProperties() {
		DevStackOptions options = DevStackOptions.parse(List.of("--portal-port=0", "--intake-port=18081"));

		assertThat(options.portalPort()).isZero();
		assertThat(options.intakePort()).isEqualTo(18081);
		assertThat(options.withPorts(1, 2, 3, 4, 5).portalPort()).as("withPorts keeps the portal port").isZero();
		assertThat(options.serviceProperties()).doesNotContainKey("portal-port");
		assertThat(DevStackOptions.USAGE).contains("--portal-port=N");
	}

	@Test
	void readsDataDirPortsAndPassesEverythingElseToTheServices() {
		DevStackOptions options = DevStackOptions.parse(List.of("--data-dir=/tmp/x", "--kafka-port=19092",
				"--status-port=18083", "--provisioner.simulation.step-latency=2s", "--logging.level.root=INFO"));

		assertThat(options.dataDir()).isEqualTo(Path.of("/tmp/x"));
		assertThat(DevStackOptions.parse(List.of("--durable=true")).durable()).isTrue();
		assertThat(options.kafkaPort()).isEqualTo(19092);
		assertThat(options.statusPort()).isEqualTo(18083);
		assertThat(options.serviceProperties()).containsEntry("provisioner.simulation.step-latency", "2s")
			.containsEntry("logging.level.root", "INFO")
			.doesNotContainKeys("data-dir", "kafka-port", "status-port");
	}

	@Test
	void listensOnLoopbackUnlessToldToOpenEveryInterface() {
		DevStackOptions defaults = DevStackOptions.parse(List.of());
		DevStackOptions open = DevStackOptions.parse(List.of("--bind=0.0.0.0"));

		assertThat(defaults.bindAddress()).isEqualTo("127.0.0.1");
		assertThat(defaults.loopbackOnly()).isTrue();
		assertThat(defaults.serviceHost()).isEqualTo("localhost");
		assertThat(open.bindAddress()).isEqualTo("0.0.0.0");
		assertThat(open.loopbackOnly()).isFalse();
		assertThat(open.serviceHost()).as("a service on every interface answers on loopback").isEqualTo("localhost");
		assertThat(open.withPorts(1, 2, 3, 4, 5).withPortalPort(6).withDurable(true).bindAddress())
			.as("the with-methods keep the address")
			.isEqualTo("0.0.0.0");
		assertThat(open.serviceProperties()).doesNotContainKey("bind");
		assertThat(DevStackOptions.parse(List.of("--bind=192.0.2.7")).serviceHost()).isEqualTo("192.0.2.7");
		assertThat(DevStackOptions.parse(List.of("--bind=::1")).loopbackOnly()).isTrue();
		assertThat(DevStackOptions.USAGE).contains("--bind=ADDRESS", "--bind=0.0.0.0", "default 127.0.0.1");
	}

	@ParameterizedTest(name = "rejects {0}")
	@CsvSource(delimiter = '|', textBlock = """
			--kafka-port=abc     | must be a port number
			--intake-port=70000  | between 0 and 65535
			--portal-port=-1     | between 0 and 65535
			data-dir=/tmp        | Expected --key=value
			--verbose            | Expected --key=value
			--=x                 | Empty property name
			--durable=yes        | must be true or false
			--bind=localhost     | must be an IP address
			--bind=256.1.1.1     | must be an IP address
			--bind=              | must be an IP address
			--bind=example.org   | must be an IP address
			""")
	void rejectsBadArgumentsWithAMessageForTheUser(String arg, String message) {
		assertThatIllegalArgumentException().isThrownBy(() -> DevStackOptions.parse(List.of(arg)))
			.withMessageContaining(message);
	}

	@ParameterizedTest(name = "--backend={0} runs provisioner.backend={1}")
	@CsvSource({ "local, local", "simulated, simulation", "simulation, simulation" })
	void choosesTheProvisioningBackend(String option, String property) {
		assertThat(DevStackOptions.parse(List.of("--backend=" + option)).serviceProperties())
			.containsEntry("provisioner.backend", property);
	}

	@Test
	void refusesAnUnknownBackendNamingTheChoices() {
		assertThatIllegalArgumentException().isThrownBy(() -> DevStackOptions.parse(List.of("--backend=cloud")))
			.withMessage("--backend must be local or simulated, got 'cloud'");
	}

}
