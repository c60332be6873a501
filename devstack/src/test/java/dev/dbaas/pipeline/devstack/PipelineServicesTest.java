package dev.dbaas.pipeline.devstack;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.dbaas.pipeline.security.local.LocalTokenIssuer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class PipelineServicesTest {

	@TempDir
	Path keys;

	@Test
	void eachServiceGetsItsNamePortDatabaseAndTheStacksKafka() {
		List<String> arguments = List.of(PipelineServices.arguments("provisioner", 8082,
				"jdbc:postgresql://localhost:5432/provisioner", "localhost:9092",
				LocalTokenIssuer.inDirectory(this.keys), dataPlane(), DevStackOptions.defaults()));
		assertThat(arguments).contains("--spring.application.name=provisioner", "--server.port=8082",
				"--spring.datasource.url=jdbc:postgresql://localhost:5432/provisioner",
				"--spring.kafka.bootstrap-servers=localhost:9092", "--spring.main.banner-mode=off");
	}

	@Test
	void eachServiceListensOnLoopbackUnlessTheStackIsOpened() {
		LocalTokenIssuer tokens = LocalTokenIssuer.inDirectory(this.keys);
		List<String> loopback = List.of(PipelineServices.arguments("order-intake", 8081, "jdbc:postgresql://x/intake",
				"localhost:9092", tokens, dataPlane(), DevStackOptions.defaults()));
		List<String> open = List.of(PipelineServices.arguments("order-intake", 8081, "jdbc:postgresql://x/intake",
				"localhost:9092", tokens, dataPlane(), DevStackOptions.parse(List.of("--bind=0.0.0.0"))));
		List<String> oneAddress = List.of(PipelineServices.arguments("order-intake", 8081, "jdbc:postgresql://x/intake",
				"localhost:9092", tokens, dataPlane(), DevStackOptions.parse(List.of("--bind=192.0.2.7"))));

		assertThat(loopback).contains("--server.address=127.0.0.1", "--intake.status-base-url=http://localhost:8083");
		assertThat(open).contains("--server.address=0.0.0.0", "--intake.status-base-url=http://localhost:8083");
		assertThat(oneAddress).contains("--server.address=192.0.2.7", "--intake.status-base-url=http://192.0.2.7:8083");
	}

	@Test
	void serviceAndIssuerPropertiesOverrideTheStacksDefaults() {
		LocalTokenIssuer tokens = LocalTokenIssuer.inDirectory(this.keys);
		DevStackOptions options = DevStackOptions.defaults()
			.withServiceProperties(Map.of("spring.main.banner-mode", "console"));
		List<String> arguments = List.of(PipelineServices.arguments("order-intake", 8081, "jdbc:postgresql://x/intake",
				"localhost:9092", tokens, dataPlane(), options));
		assertThat(arguments).contains("--spring.main.banner-mode=console")
			.doesNotContain("--spring.main.banner-mode=off");
		tokens.serviceProperties().forEach((key, value) -> assertThat(arguments).contains("--" + key + "=" + value));
	}

	@Test
	void runsTheRealLocalBackendWithSealedCredentialsUnlessToldOtherwise() {
		LocalTokenIssuer tokens = LocalTokenIssuer.inDirectory(this.keys);
		List<String> local = List.of(PipelineServices.arguments("provisioner", 8082, "jdbc:postgresql://x/p",
				"localhost:9092", tokens, dataPlane(), DevStackOptions.defaults()));
		List<String> simulated = List.of(PipelineServices.arguments("provisioner", 8082, "jdbc:postgresql://x/p",
				"localhost:9092", tokens, dataPlane(), DevStackOptions.parse(List.of("--backend=simulated"))));

		assertThat(local).contains("--provisioner.backend=local", "--intake.trusted-sources.allow-loopback=true",
				"--provisioner.local.base-directory=" + this.keys.resolve("data").resolve("instances"),
				"--provisioner.credentials.public-key=file:" + this.keys.resolve("credentials-seal.pub.pem"),
				"--status.credentials.private-key=file:" + this.keys.resolve("credentials-seal.pem"));
		assertThat(simulated).contains("--provisioner.backend=simulation")
			.doesNotContain("--provisioner.backend=local");
	}

	private LocalDataPlane dataPlane() {
		return LocalDataPlane.of(this.keys.resolve("data"), this.keys);
	}

}
