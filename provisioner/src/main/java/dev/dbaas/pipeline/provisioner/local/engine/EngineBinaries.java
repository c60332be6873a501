package dev.dbaas.pipeline.provisioner.local.engine;

import java.nio.file.Path;

/**
 * An unpacked engine distribution.
 *
 * @param home its directory, holding {@code bin/}
 * @param version the full version of the binaries, e.g. {@code 17.6.0}
 */
public record EngineBinaries(Path home, String version) {

	/**
	 * A program of the distribution.
	 * @param relative path below the home, e.g. {@code bin/initdb}
	 * @return its path
	 */
	public Path program(String relative) {
		return this.home.resolve(relative);
	}

}
