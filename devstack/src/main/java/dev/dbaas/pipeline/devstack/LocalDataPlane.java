package dev.dbaas.pipeline.devstack;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.dbaas.pipeline.security.local.LocalKeyPair;

/**
 * What makes the launcher's DONE a database one can connect to: the provisioner's real
 * local backend (PostgreSQL and MariaDB as processes on this machine, MySQL and CouchDB
 * on the simulation), instances kept under {@code <data-dir>/instances}, loopback trusted
 * sources accepted so that a developer can order for {@code 127.0.0.1/32}, and the key
 * pair that seals admin credentials for status-service ({@code credentials-seal.pem}
 * beside the token signing key). Every property can still be overridden on the command
 * line; {@code --backend=simulated} gives the old, instant simulation.
 *
 * @param properties the service properties the launcher sets before the user's own
 */
record LocalDataPlane(Map<String, String> properties) {

	/** The backend property's value for the real local backend. */
	static final String LOCAL = "local";

	/** The backend property's value for the simulation. */
	static final String SIMULATION = "simulation";

	/** The provisioner property that chooses the backend. */
	static final String BACKEND = "provisioner.backend";

	/** The private half of the credentials key pair, readable by the owner only. */
	static final String PRIVATE_KEY_FILE = "credentials-seal.pem";

	/** The public half, which the provisioner seals with. */
	static final String PUBLIC_KEY_FILE = "credentials-seal.pub.pem";

	/**
	 * The data plane of a stack.
	 * @param dataDir the stack's data directory
	 * @param keyDirectory where the launcher keeps its keys
	 * @return the properties
	 */
	static LocalDataPlane of(Path dataDir, Path keyDirectory) {
		LocalKeyPair keys = LocalKeyPair.inDirectory(keyDirectory, PRIVATE_KEY_FILE, PUBLIC_KEY_FILE);
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put(BACKEND, LOCAL);
		properties.put("provisioner.local.base-directory", dataDir.resolve("instances").toString());
		properties.put("provisioner.credentials.public-key", "file:" + keys.publicKey());
		properties.put("status.credentials.private-key", "file:" + keys.privateKey());
		properties.put("intake.trusted-sources.allow-loopback", "true");
		return new LocalDataPlane(Map.copyOf(properties));
	}

	/**
	 * Which backend serves the engines, in words, for the banner.
	 * @param backend the effective {@value #BACKEND}
	 * @param dataDir the stack's data directory
	 * @return one line
	 */
	static String describe(String backend, Path dataDir) {
		if (LOCAL.equals(backend)) {
			return "PostgreSQL and MariaDB: real local servers (" + dataDir.resolve("instances")
					+ "); MySQL and CouchDB: simulated";
		}
		return "every engine simulated (" + BACKEND + "=" + backend + ")";
	}

}
