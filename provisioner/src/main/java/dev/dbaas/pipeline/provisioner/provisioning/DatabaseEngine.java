package dev.dbaas.pipeline.provisioner.provisioning;

import java.util.Objects;

/**
 * An engine type in a version, e.g. MariaDB 10.11.
 *
 * @param type the engine
 * @param version the version the customer ordered, never blank
 */
public record DatabaseEngine(EngineType type, String version) {

	public DatabaseEngine {
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(version, "version");
		if (version.isBlank()) {
			throw new IllegalArgumentException("database version must not be blank");
		}
	}

	@Override
	public String toString() {
		return this.type + " " + this.version;
	}

}
