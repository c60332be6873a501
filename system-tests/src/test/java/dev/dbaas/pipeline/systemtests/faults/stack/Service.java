package dev.dbaas.pipeline.systemtests.faults.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;

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

	private static final Map<String, Path> COPIES = new HashMap<>();

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

	/**
	 * A copy of a runnable jar in the suite's output directory, made on first use, so
	 * that every start and restart of a run uses the same build even if the local
	 * repository changes under it.
	 * @param artifactId the module
	 * @return the copy
	 */
	static synchronized Path jarOf(String artifactId) {
		Path copy = COPIES.get(artifactId);
		if (copy == null) {
			copy = FaultStack.outputDir().resolve("jars").resolve(artifactId + ".jar");
			try {
				Files.createDirectories(copy.getParent());
				Files.copy(resolvedJar(artifactId), copy, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot copy the " + artifactId + " jar", ex);
			}
			COPIES.put(artifactId, copy);
		}
		return copy;
	}

	private static Path resolvedJar(String artifactId) {
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
