package dev.dbaas.pipeline.intake;

import java.time.Clock;

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

	public static void main(String[] args) {
		SpringApplication.run(OrderIntakeApplication.class, args);
	}

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
