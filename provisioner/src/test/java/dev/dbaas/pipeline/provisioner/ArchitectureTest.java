package dev.dbaas.pipeline.provisioner;

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
 * The provisioner's boundaries: a framework-free domain, the wire schema only at the
 * messaging edge, and no cycles between packages.
 */
@AnalyzeClasses(packages = "dev.dbaas.pipeline.provisioner", importOptions = ImportOption.DoNotIncludeTests.class)
final class ArchitectureTest {

	private static final String DOMAIN = "dev.dbaas.pipeline.provisioner.provisioning";

	@ArchTest
	static final ArchRule domainIsFreeOfSpringKafkaJdbcAndAvro = noClasses().that()
		.resideInAPackage(DOMAIN)
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.springframework..", "org.apache.kafka..", "java.sql..", "javax.sql..",
				"org.apache.avro..", "dev.dbaas.pipeline.events..", "dev.dbaas.pipeline.schemas..", "io.micrometer..",
				"com.zaxxer..", "org.postgresql..");

	@ArchTest
	static final ArchRule domainDoesNotKnowItsAdapters = noClasses().that()
		.resideInAPackage(DOMAIN)
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage(DOMAIN + ".jdbc..", DOMAIN + ".messaging..", DOMAIN + ".outbox..", DOMAIN + ".workers..",
				"dev.dbaas.pipeline.provisioner.simulation..");

	@ArchTest
	static final ArchRule wireSchemaStaysAtTheMessagingEdge = noClasses().that()
		.resideOutsideOfPackages(DOMAIN + ".messaging..", DOMAIN + ".outbox..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("dev.dbaas.pipeline.events..");

	@ArchTest
	static final ArchRule theSimulationIsOnlyABackend = noClasses().that()
		.resideInAPackage("dev.dbaas.pipeline.provisioner.simulation..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage(DOMAIN + ".jdbc..", DOMAIN + ".messaging..", DOMAIN + ".outbox..");

	@ArchTest
	static final ArchRule packagesAreFreeOfCycles = slices().matching("dev.dbaas.pipeline.provisioner.(**)")
		.should()
		.beFreeOfCycles();

	@ArchTest
	static void followsTheServiceTemplate(JavaClasses classes) {
		// The contract's instance-id rule and its AdminCredentials value are plain Java,
		// shared by every service.
		ServiceArchitecture.verify(classes, "dev.dbaas.pipeline.provisioner", Set.of(DOMAIN),
				"dev.dbaas.pipeline.contract.instance..", "dev.dbaas.pipeline.contract.credentials..");
	}

	private ArchitectureTest() {
	}

}
