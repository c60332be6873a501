package dev.dbaas.pipeline.localinfra;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

import static org.awaitility.Awaitility.await;

/**
 * A child JVM that owns a {@link PostgresServer} (and optionally a {@link KraftBroker})
 * on a kept directory (or a throw-away one), so that a test can {@code kill -9} the
 * owner. Its {@link #main} starts them, writes one row to {@code crash.marker} and prints
 * {@code DATA <data directory>} and {@code READY}.
 */
final class OwnerJvm implements AutoCloseable {

	private final Process process;

	private final Path log;

	private OwnerJvm(Process process, Path log) {
		this.process = process;
		this.log = log;
	}

	/**
	 * Starts the owner and waits until its servers are ready.
	 * @param dir {@code postgres} and {@code kafka} go below it, and the owner's log
	 * @param postgresPort PostgreSQL's port
	 * @param kafkaPort Kafka's port, or 0 for no broker
	 * @return the running owner
	 */
	static OwnerJvm start(Path dir, int postgresPort, int kafkaPort) throws IOException {
		return start(dir, dir.toString(), postgresPort, kafkaPort);
	}

	/**
	 * Starts an owner whose server has a throw-away data directory.
	 * @param logDir where the owner's log goes
	 * @return the running owner
	 */
	static OwnerJvm startThrowAway(Path logDir) throws IOException {
		return start(logDir, "-", 0, 0);
	}

	private static OwnerJvm start(Path logDir, String dir, int postgresPort, int kafkaPort) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp",
				System.getProperty("java.class.path"), OwnerJvm.class.getName(), dir, Integer.toString(postgresPort),
				Integer.toString(kafkaPort)));
		Path log = logDir.resolve("owner-" + System.nanoTime() + ".log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.redirectInput(new File("/dev/null"))
			.start();
		OwnerJvm owner = new OwnerJvm(process, log);
		await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).until(() -> {
			if (!process.isAlive()) {
				throw new IllegalStateException(
						"owner exited with " + process.exitValue() + ": " + Files.readString(log));
			}
			return Files.readString(log).contains("READY");
		});
		return owner;
	}

	/** {@code kill -9} of the owner; returns once it is gone. */
	void kill() throws InterruptedException {
		this.process.destroyForcibly();
		this.process.waitFor();
	}

	/**
	 * The owner's PostgreSQL watchdog (a child in a session of its own).
	 * @return its process
	 */
	ProcessHandle watchdog() {
		Optional<ProcessHandle> watchdog = this.process.toHandle()
			.children()
			.filter((child) -> child.info().arguments().map(List::of).orElse(List.of()).contains("postgres-watchdog"))
			.findFirst();
		return watchdog.orElseThrow(() -> new IllegalStateException("no watchdog below " + this.process.pid()));
	}

	/**
	 * The data directory the owner's server runs on.
	 * @return the directory from its {@code DATA} line
	 */
	Path dataDirectory() throws IOException {
		return Files.readAllLines(this.log)
			.stream()
			.filter((line) -> line.startsWith("DATA "))
			.map((line) -> Path.of(line.substring(5)))
			.findFirst()
			.orElseThrow();
	}

	@Override
	public void close() throws InterruptedException {
		if (this.process.isAlive()) {
			kill();
		}
	}

	public static void main(String[] args) throws Exception {
		Path dir = args[0].equals("-") ? null : Path.of(args[0]);
		int postgresPort = Integer.parseInt(args[1]);
		int kafkaPort = Integer.parseInt(args[2]);
		PostgresServer postgres = PostgresServer
			.create((dir != null) ? dir.resolve("postgres") : null, postgresPort, true)
			.start();
		postgres.createDatabase("crash");
		try (Connection connection = postgres.dataSource("crash").getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE IF NOT EXISTS marker (id int PRIMARY KEY)");
			statement.execute("INSERT INTO marker VALUES (1) ON CONFLICT DO NOTHING");
		}
		System.out.println("DATA " + postgres.dataDirectory());
		if (dir != null && kafkaPort != 0) {
			KraftBroker.create(dir.resolve("kafka"), kafkaPort, Map.of()).start();
		}
		System.out.println("READY");
		System.out.flush();
		new CountDownLatch(1).await();
	}

}
