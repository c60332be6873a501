package dev.dbaas.pipeline.intake;

import java.time.Clock;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.PropertySource;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Entry point of the order-intake service. Defaults live in
 * {@code order-intake.properties} (see docs/conventions.md).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@PropertySource("classpath:order-intake.properties")
public class OrderIntakeApplication {

	/**
	 * Runs the service on its own, logging structured JSON (Elastic Common Schema) with
	 * the MDC's {@code orderId}, {@code traceId} and {@code spanId} in every line.
	 * Logging is configured before {@code order-intake.properties} is read, so the
	 * default is set here; {@code LOGGING_STRUCTURED_FORMAT_CONSOLE=logstash} (or
	 * {@code gelf}) picks another format. Tests and the local launcher keep plain text.
	 * @param args Spring arguments, {@code --key=value}
	 */
	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(OrderIntakeApplication.class);
		application.setDefaultProperties(Map.of("logging.structured.format.console", "ecs",
				"logging.structured.ecs.service.name", "order-intake"));
		application.run(args);
	}

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
