package dev.dbaas.pipeline.provisioner.provisioning;

/**
 * Database engines the provisioner installs, with the port each one listens on.
 */
public enum EngineType {

	MARIADB(3306), MYSQL(3306), POSTGRESQL(5432), COUCHDB(5984);

	private final int defaultPort;

	EngineType(int defaultPort) {
		this.defaultPort = defaultPort;
	}

	/**
	 * The port the engine listens on after installation.
	 * @return a TCP port
	 */
	public int defaultPort() {
		return this.defaultPort;
	}

}
