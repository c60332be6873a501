package dev.dbaas.pipeline.status;

import java.util.Set;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.dbaas.pipeline.testkit.ServiceArchitecture;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The boundaries of the service: a pure domain, thin adapters, features that meet only
 * through the domain and each other's application services.
 */
class ArchitectureTest {

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.dbaas.pipeline.status");

	@Test
	void theDomainDependsOnNoFrameworkNoInfrastructureAndNoWireSchema() {
		classes().that()
			.resideInAPackage("..status.order..")
			.should()
			.onlyDependOnClassesThat()
			.resideInAnyPackage("dev.dbaas.pipeline.status.order..", "java..", "org.jspecify..")
			.check(CLASSES);
	}

	@Test
	void theInstanceDomainAndItsServiceDependOnNoFrameworkNoInfrastructureAndNoWireSchema() {
		classes().that()
			.resideInAPackage("dev.dbaas.pipeline.status.instance")
			.should()
			.onlyDependOnClassesThat()
			.resideInAnyPackage("dev.dbaas.pipeline.status.instance", "dev.dbaas.pipeline.status.order..", "java..",
					"org.jspecify..")
			.check(CLASSES);
	}

	@Test
	void onlyTheMessagingAdapterSeesTheAvroWireClasses() {
		noClasses().that()
			.resideOutsideOfPackage("..projection.messaging..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("dev.dbaas.pipeline.events..")
			.check(CLASSES);
	}

	@Test
	void onlyJdbcAdaptersTouchTheDatabase() {
		noClasses().that()
			.resideOutsideOfPackage("..jdbc..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.jdbc..", "java.sql..")
			.check(CLASSES);
	}

	@Test
	void applicationServicesDoNotDependOnTheirAdapters() {
		noClasses().that()
			.resideInAnyPackage("dev.dbaas.pipeline.status.projection", "dev.dbaas.pipeline.status.query",
					"dev.dbaas.pipeline.status.rebuild")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("..jdbc..", "..web..", "..messaging..", "..web..")
			.check(CLASSES);
	}

	@Test
	void featuresDoNotReachIntoEachOthersAdapters() {
		slices().matching("dev.dbaas.pipeline.status.(*)..").should().beFreeOfCycles().check(CLASSES);
		noClasses().that()
			.resideInAPackage("..query..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("..projection..", "..rebuild..")
			.check(CLASSES);
		noClasses().that()
			.resideInAPackage("..rebuild..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("..projection.jdbc..", "..projection.messaging..", "..query..")
			.check(CLASSES);
	}

	@Test
	void followsTheServiceTemplate() {
		ServiceArchitecture.verify(CLASSES, "dev.dbaas.pipeline.status", Set.of("dev.dbaas.pipeline.status.order"));
	}

}
