package dev.dbaas.pipeline.intake;

import java.util.Set;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.dbaas.pipeline.testkit.ServiceArchitecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The boundaries of the service, as tests: the domain knows no framework, the wire schema
 * stays at the messaging edge, and features use each other only through their public
 * domain types.
 */
@AnalyzeClasses(packages = "dev.dbaas.pipeline.intake", importOptions = ImportOption.DoNotIncludeTests.class)
final class ArchitectureTest {

	private static final String[] DOMAIN = { "dev.dbaas.pipeline.intake.order", "dev.dbaas.pipeline.intake.catalog",
			"dev.dbaas.pipeline.intake.idempotency", "dev.dbaas.pipeline.intake.instance" };

	@ArchTest
	static final ArchRule domainDependsOnNoFrameworkNorWireFormat = noClasses().that()
		.resideInAnyPackage(DOMAIN)
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.springframework..", "org.apache.kafka..", "java.sql..", "javax.sql..",
				"dev.dbaas.pipeline.events..", "org.apache.avro..", "tools.jackson..", "jakarta..", "io.micrometer..",
				"io.swagger..")
		.as("domain packages (order, catalog, idempotency, instance) depend on no framework, JDBC, Kafka or Avro");

	@ArchTest
	static final ArchRule avroStaysAtTheMessagingEdge = noClasses().that()
		.resideOutsideOfPackages("dev.dbaas.pipeline.intake.order.messaging..",
				"dev.dbaas.pipeline.intake.instance.messaging..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("dev.dbaas.pipeline.events..", "org.apache.avro..");

	@ArchTest
	static final ArchRule kafkaStaysInTheOutboxAndTheStatusConsumer = noClasses().that()
		.resideOutsideOfPackages("dev.dbaas.pipeline.intake.outbox..", "dev.dbaas.pipeline.intake.instance.messaging..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.apache.kafka..", "org.springframework.kafka..");

	@ArchTest
	static final ArchRule adaptersDoNotReachIntoOtherAdapters = noClasses().that()
		.resideInAnyPackage("..web..", "..messaging..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("..jdbc..")
		.as("web and messaging adapters do not use JDBC adapters")
		.allowEmptyShould(true);

	@ArchTest
	static final ArchRule catalogAndIdempotencyDoNotKnowOrders = noClasses().that()
		.resideInAnyPackage("dev.dbaas.pipeline.intake.catalog..", "dev.dbaas.pipeline.intake.idempotency..",
				"dev.dbaas.pipeline.intake.outbox..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("dev.dbaas.pipeline.intake.order..");

	@ArchTest
	static final ArchRule featuresAreFreeOfCycles = slices().matching("dev.dbaas.pipeline.intake.(*)..")
		.should()
		.beFreeOfCycles();

	@ArchTest
	static void followsTheServiceTemplate(JavaClasses classes) {
		// The order domain parses trusted-source CIDRs with the IPAddress library.
		// The contract's instance-id rule is plain Java: one rule for every service.
		ServiceArchitecture.verify(classes, "dev.dbaas.pipeline.intake", Set.of(DOMAIN), "inet.ipaddr..",
				"dev.dbaas.pipeline.contract.instance..");
	}

	private ArchitectureTest() {
	}

}
