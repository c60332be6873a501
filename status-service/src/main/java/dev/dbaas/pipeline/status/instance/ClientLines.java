package dev.dbaas.pipeline.status.instance;

import dev.dbaas.pipeline.status.order.Instance;
import org.jspecify.annotations.Nullable;

/**
 * Ready-to-paste ways to connect to a running instance: a JDBC URL and a command line for
 * the engine's client. Neither holds the password (a command line ends up in the shell's
 * history); the CA certificate is expected in {@value #CA_FILE} next to the client.
 *
 * @param jdbcUrl the JDBC URL, or {@code null} for an engine without a JDBC driver
 * @param psql the {@code psql} line, for PostgreSQL
 * @param mariadb the {@code mariadb} client line, for MariaDB and MySQL
 */
public record ClientLines(@Nullable String jdbcUrl, @Nullable String psql, @Nullable String mariadb) {

	/** The file name the lines expect the CA certificate in. */
	public static final String CA_FILE = "ca.pem";

	/**
	 * The lines for an engine.
	 * @param databaseType the engine, e.g. {@code POSTGRESQL}
	 * @param connection where the instance answers
	 * @param username the admin login
	 * @return the lines
	 */
	public static ClientLines of(@Nullable String databaseType, Instance connection, String username) {
		String host = connection.host();
		int port = connection.port();
		String sslMode = connection.sslMode();
		boolean ca = connection.caCertificate() != null;
		if ("POSTGRESQL".equals(databaseType)) {
			String jdbc = "jdbc:postgresql://" + host + ":" + port + "/postgres"
					+ ((sslMode != null) ? "?sslmode=" + sslMode + (ca ? "&sslrootcert=" + CA_FILE : "") : "");
			String psql = "psql \"host=" + host + " port=" + port + " user=" + username + " dbname=postgres"
					+ ((sslMode != null) ? " sslmode=" + sslMode : "") + (ca ? " sslrootcert=" + CA_FILE : "") + "\"";
			return new ClientLines(jdbc, psql, null);
		}
		if ("MARIADB".equals(databaseType) || "MYSQL".equals(databaseType)) {
			String jdbc = "jdbc:mariadb://" + host + ":" + port + "/"
					+ ((sslMode != null) ? "?sslMode=" + sslMode + (ca ? "&serverSslCert=" + CA_FILE : "") : "");
			String client = "mariadb --host=" + host + " --port=" + port + " --user=" + username + " --password"
					+ ((sslMode != null) ? " --ssl-verify-server-cert" : "") + (ca ? " --ssl-ca=" + CA_FILE : "");
			return new ClientLines(jdbc, null, client);
		}
		return new ClientLines(null, null, null);
	}

}
