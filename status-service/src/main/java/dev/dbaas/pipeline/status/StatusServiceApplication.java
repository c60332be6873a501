package dev.dbaas.pipeline.status;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.PropertySource;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Entry point of the status-service: consumes order and status events into a PostgreSQL
 * view and serves it on port 8083. Defaults live in {@code status-service.properties}.
 */
@SpringBootApplication
@PropertySource("classpath:status-service.properties")
@EnableConfigurationProperties(PipelineTopics.class)
@EnableScheduling
public class StatusServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(StatusServiceApplication.class, args);
	}

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
