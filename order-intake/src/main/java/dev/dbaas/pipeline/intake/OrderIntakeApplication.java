package dev.dbaas.pipeline.intake;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Entry point of the order-intake service.
 */
@SpringBootApplication
public class OrderIntakeApplication {

	public static void main(String[] args) {
		SpringApplication.run(OrderIntakeApplication.class, args);
	}

}
