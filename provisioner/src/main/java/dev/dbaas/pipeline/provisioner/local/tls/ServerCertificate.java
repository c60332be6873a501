package dev.dbaas.pipeline.provisioner.local.tls;

import java.nio.file.Path;

/**
 * Where one server's TLS files are: its certificate, its key (owner-only) and the CA
 * certificate that signed it.
 *
 * @param certificate PEM certificate with SAN {@code 127.0.0.1} and {@code localhost}
 * @param key PEM private key
 * @param caCertificate PEM certificate of the local CA
 */
public record ServerCertificate(Path certificate, Path key, Path caCertificate) {

	/**
	 * The files of a server certificate in a directory.
	 * @param directory the instance's TLS directory
	 * @return their paths, whether they exist or not
	 */
	public static ServerCertificate in(Path directory) {
		return new ServerCertificate(directory.resolve("server.crt"), directory.resolve("server.key"),
				directory.resolve("ca.crt"));
	}

}
