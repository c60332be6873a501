package dev.dbaas.pipeline.provisioner;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.PropertySource;

/**
 * Entry point of the provisioner service. Defaults live in {@code provisioner.properties}
 * (see docs/conventions.md), so that the service can share a class path with the others.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@PropertySource("classpath:provisioner.properties")
public class ProvisionerApplication {

	public static void main(String[] args) {
		SpringApplication.run(ProvisionerApplication.class, args);
	}

}
