package dev.dbaas.pipeline.provisioner;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Entry point of the provisioner service.
 */
@SpringBootApplication
public class ProvisionerApplication {

	public static void main(String[] args) {
		SpringApplication.run(ProvisionerApplication.class, args);
	}

}
