package dev.dbaas.pipeline.provisioner;

import java.util.Map;

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

	/**
	 * Runs the service on its own, logging structured JSON (Elastic Common Schema) with
	 * the MDC's {@code orderId}, {@code traceId} and {@code spanId} in every line.
	 * Logging is configured before {@code provisioner.properties} is read, so the default
	 * is set here; {@code LOGGING_STRUCTURED_FORMAT_CONSOLE=logstash} (or {@code gelf})
	 * picks another format. Tests and the local launcher keep plain text.
	 * @param args Spring arguments, {@code --key=value}
	 */
	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(ProvisionerApplication.class);
		application.setDefaultProperties(Map.of("logging.structured.format.console", "ecs",
				"logging.structured.ecs.service.name", "provisioner"));
		application.run(args);
	}

}
