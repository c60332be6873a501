package dev.dbaas.pipeline.devstack;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.dbaas.pipeline.security.local.LocalTokenIssuer;

import static org.assertj.core.api.Assertions.assertThat;

class PipelineServicesTest {

	@TempDir
	Path keys;

	@Test
	void eachServiceGetsItsNamePortDatabaseAndTheStacksKafka() {
		List<String> arguments = List
			.of(PipelineServices.arguments("provisioner", 8082, "jdbc:postgresql://localhost:5432/provisioner",
					"localhost:9092", LocalTokenIssuer.inDirectory(this.keys), DevStackOptions.defaults()));
		assertThat(arguments).contains("--spring.application.name=provisioner", "--server.port=8082",
				"--spring.datasource.url=jdbc:postgresql://localhost:5432/provisioner",
				"--spring.kafka.bootstrap-servers=localhost:9092", "--spring.main.banner-mode=off");
	}

	@Test
	void serviceAndIssuerPropertiesOverrideTheStacksDefaults() {
		LocalTokenIssuer tokens = LocalTokenIssuer.inDirectory(this.keys);
		DevStackOptions options = DevStackOptions.defaults()
			.withServiceProperties(Map.of("spring.main.banner-mode", "console"));
		List<String> arguments = List.of(PipelineServices.arguments("order-intake", 8081, "jdbc:postgresql://x/intake",
				"localhost:9092", tokens, options));
		assertThat(arguments).contains("--spring.main.banner-mode=console")
			.doesNotContain("--spring.main.banner-mode=off");
		tokens.serviceProperties().forEach((key, value) -> assertThat(arguments).contains("--" + key + "=" + value));
	}

}
