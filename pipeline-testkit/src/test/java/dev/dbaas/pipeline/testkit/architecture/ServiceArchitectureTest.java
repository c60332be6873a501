package dev.dbaas.pipeline.testkit.architecture;

import java.util.Set;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.dbaas.pipeline.testkit.ServiceArchitecture;
import dev.dbaas.pipeline.testkit.architecture.billing.Invoice;
import dev.dbaas.pipeline.testkit.architecture.shop.Basket;
import dev.dbaas.pipeline.testkit.architecture.shop.jdbc.JdbcBaskets;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The shared rule set passes a service that keeps to the template and fails one that does
 * not ({@code billing.Invoice} uses the shop's JDBC adapter).
 */
class ServiceArchitectureTest {

	private static final String BASE = "dev.dbaas.pipeline.testkit.architecture";

	@Test
	void passesAServiceThatKeepsToTheTemplate() {
		JavaClasses classes = new ClassFileImporter().importClasses(Basket.class, JdbcBaskets.class);

		assertThatCode(() -> ServiceArchitecture.verify(classes, BASE, Set.of(BASE + ".shop")))
			.doesNotThrowAnyException();
	}

	@Test
	void failsADomainClassThatUsesAnAdapter() {
		JavaClasses classes = new ClassFileImporter().importClasses(Basket.class, JdbcBaskets.class, Invoice.class);

		assertThatThrownBy(() -> ServiceArchitecture.verify(classes, BASE, Set.of(BASE + ".shop", BASE + ".billing")))
			.isInstanceOf(AssertionError.class)
			.hasMessageContaining("domain packages")
			.hasMessageContaining("another feature's adapters")
			.hasMessageContaining(Invoice.class.getName());
	}

}
