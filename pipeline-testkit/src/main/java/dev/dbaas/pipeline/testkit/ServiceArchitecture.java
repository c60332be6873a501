package dev.dbaas.pipeline.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The service template as rules, written as an allow-list, for every service's
 * architecture test:
 * <ul>
 * <li>a domain package depends only on the JDK, JSpecify, the listed domain packages and
 * what the service allows on top (no Spring, Kafka, JDBC, generated Avro classes);</li>
 * <li>an adapter ({@code <feature>.web}, {@code <feature>.jdbc},
 * {@code <feature>.messaging}) is used only within its feature (and by Spring wiring in
 * {@code config} packages): no feature reaches into another's adapters;</li>
 * <li>the features are free of cycles.</li>
 * </ul>
 */
public final class ServiceArchitecture {

	private static final String ADAPTERS = "(web|jdbc|messaging)";

	private ServiceArchitecture() {
	}

	/**
	 * Checks the rules against a service's classes.
	 * @param classes the service's production classes
	 * @param basePackage the service's root package, e.g.
	 * {@code dev.dbaas.pipeline.intake}
	 * @param domainPackages the domain packages, each whole (its subpackages are not
	 * domain)
	 * @param allowedDependencies further packages (ArchUnit syntax, e.g.
	 * {@code dev.dbaas.pipeline.contract.order..}) the domain may depend on
	 * @throws AssertionError naming every violation
	 */
	public static void verify(JavaClasses classes, String basePackage, Set<String> domainPackages,
			String... allowedDependencies) {
		rules(basePackage, domainPackages, allowedDependencies).check(classes);
	}

	/**
	 * The rules, for a caller that evaluates them itself.
	 * @param basePackage the service's root package
	 * @param domainPackages the domain packages
	 * @param allowedDependencies further packages the domain may depend on
	 * @return the rules as one
	 */
	public static ArchRule rules(String basePackage, Set<String> domainPackages, String... allowedDependencies) {
		List<String> allowed = new ArrayList<>(List.of("java..", "org.jspecify.."));
		allowed.addAll(domainPackages);
		allowed.addAll(List.of(allowedDependencies));
		ArchRule domain = classes().that()
			.resideInAnyPackage(domainPackages.toArray(String[]::new))
			.should()
			.onlyDependOnClassesThat()
			.resideInAnyPackage(allowed.toArray(String[]::new))
			.as("domain packages " + new TreeSet<>(domainPackages) + " depend only on the JDK, JSpecify, each other"
					+ ((allowedDependencies.length != 0) ? " and " + List.of(allowedDependencies) : ""));
		ArchRule adapters = classes().that()
			.resideInAPackage(basePackage + "..")
			.should(notReachIntoAnotherFeaturesAdapters(basePackage));
		ArchRule cycles = slices().matching(basePackage + ".(*)..").should().beFreeOfCycles();
		return CompositeArchRule.of(domain).and(adapters).and(cycles);
	}

	private static ArchCondition<JavaClass> notReachIntoAnotherFeaturesAdapters(String basePackage) {
		Pattern adapter = Pattern.compile(Pattern.quote(basePackage) + "\\.([^.]+)\\." + ADAPTERS + "(\\..*)?");
		return new ArchCondition<>("not reach into another feature's adapters (web, jdbc, messaging)") {
			@Override
			public void check(JavaClass origin, ConditionEvents events) {
				String from = origin.getPackageName();
				if (isConfig(basePackage, from)) {
					return;
				}
				for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
					Matcher target = adapter.matcher(dependency.getTargetClass().getPackageName());
					if (target.matches() && !from.equals(basePackage + "." + target.group(1))
							&& !from.startsWith(basePackage + "." + target.group(1) + ".")) {
						events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
					}
				}
			}
		};
	}

	private static boolean isConfig(String basePackage, String packageName) {
		return packageName.equals(basePackage) || packageName.endsWith(".config") || packageName.contains(".config.");
	}

}
