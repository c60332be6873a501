package dev.dbaas.pipeline.devstack;

import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * One logging configuration for a JVM that runs several Spring applications. The services
 * share one Logback context; letting each Spring application re-initialise it prints
 * every line once per service and, when they start in parallel, races inside Logback's
 * initialisation. So Spring Boot's logging system stays off, logback.xml configures
 * logging once for the whole JVM, and {@code java.util.logging} goes through SLF4J.
 *
 * <p>
 * Thread-safe and idempotent.
 */
public final class OneLoggingConfiguration {

	private OneLoggingConfiguration() {
	}

	/** Turns Spring Boot's logging system off and bridges JUL to SLF4J, once. */
	public static synchronized void install() {
		System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
		if (!SLF4JBridgeHandler.isInstalled()) {
			SLF4JBridgeHandler.removeHandlersForRootLogger();
			SLF4JBridgeHandler.install();
		}
	}

}
