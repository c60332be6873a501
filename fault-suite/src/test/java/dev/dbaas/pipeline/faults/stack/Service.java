package dev.dbaas.pipeline.faults.stack;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The pipeline's services as the fault suite starts them: from their runnable jars, each
 * with its own database on the shared PostgreSQL.
 */
public enum Service {

	/** Accepts orders over HTTP, relays them to Kafka through its outbox. */
	ORDER_INTAKE("order-intake", "intake"),

	/** Drives orders through the simulated backend, publishes status events. */
	PROVISIONER("provisioner", "provisioner"),

	/** Projects both topics into the status view. */
	STATUS_SERVICE("status-service", "status");

	private final String artifactId;

	private final String database;

	Service(String artifactId, String database) {
		this.artifactId = artifactId;
		this.database = database;
	}

	/**
	 * The Maven artifact id, also the service's {@code spring.application.name}.
	 * @return e.g. {@code order-intake}
	 */
	public String artifactId() {
		return this.artifactId;
	}

	/**
	 * The service's database on the shared server.
	 * @return e.g. {@code intake}
	 */
	public String database() {
		return this.database;
	}

	/**
	 * The service's runnable jar, as the build passes it to the tests.
	 * @return the jar file
	 * @throws IllegalStateException if the build did not pass it, or it does not exist
	 */
	public Path jar() {
		return jarOf(this.artifactId);
	}

	static Path jarOf(String artifactId) {
		String property = "fault-suite.jar." + artifactId;
		String value = System.getProperty(property);
		if (value == null || value.isBlank() || value.startsWith("${")) {
			throw new IllegalStateException("System property " + property
					+ " is not set: run the fault suite through Maven (./mvnw -B -pl fault-suite verify)");
		}
		Path jar = Path.of(value);
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException(jar + " does not exist: build it first (./mvnw -B -q -pl fault-suite -am "
					+ "install -DskipTests)");
		}
		return jar;
	}

}
