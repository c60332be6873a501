package dev.dbaas.pipeline.status;

import java.time.Clock;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.PropertySource;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Entry point of the status-service: consumes order and status events into a PostgreSQL
 * view and serves it on port 8083. Defaults live in {@code status-service.properties}.
 */
@SpringBootApplication
@PropertySource("classpath:status-service.properties")
@EnableScheduling
public class StatusServiceApplication {

	/**
	 * Runs the service on its own, logging structured JSON (Elastic Common Schema) with
	 * the MDC's {@code orderId} and {@code traceId}. Logging is configured before
	 * {@code status-service.properties} is read, so the default is set here;
	 * {@code LOGGING_STRUCTURED_FORMAT_CONSOLE=logstash} (or {@code gelf}) picks another
	 * format. Tests and the local launcher keep plain text.
	 * @param args Spring arguments, {@code --key=value}
	 */
	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(StatusServiceApplication.class);
		application.setDefaultProperties(Map.of("logging.structured.format.console", "ecs",
				"logging.structured.ecs.service.name", "status-service"));
		application.run(args);
	}

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
