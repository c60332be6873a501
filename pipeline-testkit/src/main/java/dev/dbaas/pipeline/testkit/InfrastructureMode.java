package dev.dbaas.pipeline.testkit;

import java.util.Locale;

/**
 * How the test kit provides Kafka and PostgreSQL. Chosen with the system property
 * {@value #PROPERTY} or the environment variable {@value #ENVIRONMENT_VARIABLE}:
 * {@code embedded}, {@code containers} or {@code auto} (the default: containers when a
 * Docker engine answers, embedded otherwise).
 */
public enum InfrastructureMode {

	/** In-JVM KRaft broker and a PostgreSQL child process from Maven-served binaries. */
	EMBEDDED,

	/** Testcontainers' Kafka and PostgreSQL containers. Needs a Docker engine. */
	CONTAINERS;

	/** System property that forces a mode. */
	public static final String PROPERTY = "pipeline.testkit.mode";

	/** Environment variable that forces a mode. */
	public static final String ENVIRONMENT_VARIABLE = "PIPELINE_TESTKIT_MODE";

	/**
	 * Resolves the mode from the system property, the environment and Docker's presence.
	 * @return the mode to use
	 */
	public static InfrastructureMode resolve() {
		String requested = System.getProperty(PROPERTY, System.getenv(ENVIRONMENT_VARIABLE));
		if (requested == null || requested.isBlank() || requested.equalsIgnoreCase("auto")) {
			return dockerAvailable() ? CONTAINERS : EMBEDDED;
		}
		try {
			return valueOf(requested.trim().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(
					PROPERTY + " must be embedded, containers or auto, but was '" + requested + "'", ex);
		}
	}

	private static boolean dockerAvailable() {
		try {
			Class.forName("org.testcontainers.DockerClientFactory");
			return ContainerServers.dockerAvailable();
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

}
