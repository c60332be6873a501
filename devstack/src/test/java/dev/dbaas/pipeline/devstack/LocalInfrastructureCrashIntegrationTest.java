package dev.dbaas.pipeline.devstack;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import dev.dbaas.pipeline.localinfra.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 20's crash as a user met it: a launcher died with {@code kill -9} and its
 * PostgreSQL kept running on the data directory and its port (here: an earlier launcher's
 * server whose watchdog was killed too). A restart with the same {@code --data-dir} and
 * ports stops that server and comes up on the same ports with the data kept; after its
 * clean close no PostgreSQL of the data directory remains.
 */
class LocalInfrastructureCrashIntegrationTest {

	@Test
	void aRestartOnTheSameDataDirectoryStopsTheDeadLaunchersPostgresAndKeepsItsPort(@TempDir Path dataDir)
			throws Exception {
		int kafkaPort = FreePorts.any();
		int postgresPort = FreePorts.any();
		List<String> args = List.of("--data-dir=" + dataDir, "--kafka-port=" + kafkaPort,
				"--postgres-port=" + postgresPort, "--durable=true");
		Path pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");

		Process launcher = startInChildJvm(dataDir, args);
		long leftOver;
		try {
			leftOver = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
			ProcessHandle watchdog = launcher.toHandle()
				.children()
				.filter((child) -> child.info()
					.arguments()
					.map((arguments) -> List.of(arguments).contains("postgres-watchdog"))
					.orElse(false))
				.findFirst()
				.orElseThrow();
			watchdog.children().forEach(ProcessHandle::destroyForcibly);
			watchdog.destroyForcibly();
			await().atMost(Duration.ofSeconds(10)).until(() -> !watchdog.isAlive());
		}
		finally {
			launcher.destroyForcibly();
			launcher.waitFor();
		}
		assertThat(ProcessHandle.of(leftOver).filter(ProcessHandle::isAlive)).as("left-over PostgreSQL").isPresent();
		assertThat(FreePorts.isFree(postgresPort)).as("PostgreSQL port held by the left-over").isFalse();
		assertThat(FreePorts.isFree(kafkaPort)).as("Kafka port after the JVM died").isTrue();

		try (LocalInfrastructure again = LocalInfrastructure.start(DevStackOptions.parse(args))) {
			assertThat(ProcessHandle.of(leftOver).filter(ProcessHandle::isAlive)).as("left-over stopped").isEmpty();
			assertThat(again.postgres().port()).as("same PostgreSQL port").isEqualTo(postgresPort);
			assertThat(again.kafka().bootstrapServers()).as("same Kafka port").endsWith(":" + kafkaPort);
			try (Connection connection = again.postgres().dataSource("intake").getConnection();
					Statement statement = connection.createStatement();
					ResultSet rs = statement.executeQuery("SELECT id FROM crash_marker")) {
				assertThat(rs.next()).as("row written before the crash").isTrue();
			}
		}
		assertThat(pidFile).doesNotExist();
		assertThat(postmastersOf(dataDir)).as("PostgreSQL servers of the data directory after close").isEmpty();
	}

	private static Process startInChildJvm(Path dataDir, List<String> args) throws Exception {
		List<String> command = new ArrayList<>(List.of(
				Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m", "-XX:+UseSerialGC",
				"-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), Owner.class.getName()));
		command.addAll(args);
		Path log = dataDir.resolve("owner.log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.redirectInput(new File("/dev/null"))
			.start();
		await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(200)).until(() -> {
			if (!process.isAlive()) {
				throw new IllegalStateException(
						"launcher exited with " + process.exitValue() + ": " + Files.readString(log));
			}
			return Files.readString(log).contains("READY");
		});
		return process;
	}

	/** Live postmasters whose command line names a directory below the data directory. */
	private static List<Long> postmastersOf(Path dataDir) {
		String marker = dataDir.toAbsolutePath().toString();
		return ProcessHandle.allProcesses()
			.filter((process) -> process.info().command().map((command) -> command.endsWith("/postgres")).orElse(false))
			.filter((process) -> process.info()
				.arguments()
				.map((arguments) -> String.join(" ", arguments).contains(marker))
				.orElse(false))
			.map(ProcessHandle::pid)
			.toList();
	}

	/** The launcher's infrastructure in a JVM of its own, with one row in intake. */
	static final class Owner {

		public static void main(String[] args) throws Exception {
			LocalInfrastructure infrastructure = LocalInfrastructure.start(DevStackOptions.parse(List.of(args)));
			try (Connection connection = infrastructure.postgres().dataSource("intake").getConnection();
					Statement statement = connection.createStatement()) {
				statement.execute("CREATE TABLE crash_marker (id int PRIMARY KEY)");
				statement.execute("INSERT INTO crash_marker VALUES (1)");
			}
			System.out.println("READY");
			System.out.flush();
			new CountDownLatch(1).await();
		}

	}

}
