package dev.dbaas.pipeline.localinfra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.dbaas.pipeline.localinfra.PostgresServer.Leftover;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The owner of a {@link PostgresServer} dies with {@code kill -9} (a child JVM): its
 * server is gone within seconds, its Kafka ports are free, and a start on the same
 * directory and port works with the data kept, also when the server was left running
 * (watchdog killed too) or a stale {@code postmaster.pid} is in the way. What the
 * launcher's {@code --data-dir} relies on after a crash (issue 20).
 */
class PostgresServerCrashIntegrationTest {

	/** "A few seconds": a fast shutdown of an idle server takes well under one. */
	private static final Duration SERVER_GONE_WITHIN = Duration.ofSeconds(10);

	@Test
	void theServerOfAKilledOwnerStopsWithinSecondsAndTheDirectoryStartsAgain(@TempDir Path dir) throws Exception {
		int postgresPort = FreePorts.any();
		int kafkaPort = FreePorts.any();
		Path data = dir.resolve("postgres");
		try (OwnerJvm owner = OwnerJvm.start(dir, postgresPort, kafkaPort)) {
			ProcessHandle postmaster = postmaster(data);
			assertThatThrownBy(() -> PostgresServer.stopLeftover(data)).as("a live owner's server is left alone")
				.isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("is in use");
			assertThat(postmaster.isAlive()).isTrue();

			long killed = System.nanoTime();
			owner.kill();
			await().atMost(SERVER_GONE_WITHIN).pollInterval(Duration.ofMillis(20)).until(() -> !postmaster.isAlive());
			long goneMillis = (System.nanoTime() - killed) / 1_000_000;
			System.out.printf("kill -9 of the owner to its PostgreSQL (pid %d) gone: %d ms%n", postmaster.pid(),
					goneMillis);
			assertThat(FreePorts.isFree(postgresPort)).as("PostgreSQL port free").isTrue();
			assertThat(FreePorts.isFree(kafkaPort)).as("Kafka port free").isTrue();
			assertThat(data.resolve("postmaster.pid")).doesNotExist();
		}

		try (PostgresServer again = PostgresServer.create(data, postgresPort, true).start()) {
			assertThat(markers(again)).containsExactly(1);
		}
		KraftBroker broker = KraftBroker.create(dir.resolve("kafka"), kafkaPort, Map.of()).start();
		try {
			assertThat(broker.bootstrapServers()).endsWith(":" + kafkaPort);
		}
		finally {
			broker.stop();
		}
	}

	@Test
	void aServerLeftRunningByADeadOwnerIsStoppedOnStartAndItsPortReused(@TempDir Path dir) throws Exception {
		int port = FreePorts.any();
		Path data = dir.resolve("postgres");
		ProcessHandle postmaster;
		try (OwnerJvm owner = OwnerJvm.start(dir, port, 0)) {
			postmaster = postmaster(data);
			// What an owner from before the watchdog, or one whose watchdog was killed,
			// leaves.
			ProcessHandle watchdog = owner.watchdog();
			List<ProcessHandle> watchdogAndChildren = new ArrayList<>(watchdog.children().toList());
			watchdogAndChildren.add(watchdog);
			watchdogAndChildren.forEach(ProcessHandle::destroyForcibly);
			await().atMost(Duration.ofSeconds(10)).until(() -> !watchdog.isAlive());
			owner.kill();
		}
		assertThat(postmaster.isAlive()).as("left-over server").isTrue();
		assertThat(FreePorts.isFree(port)).as("its port").isFalse();

		long began = System.nanoTime();
		assertThat(PostgresServer.stopLeftover(data)).isEqualTo(Leftover.STOPPED);
		System.out.printf("left-over PostgreSQL (pid %d) stopped on start in %d ms%n", postmaster.pid(),
				(System.nanoTime() - began) / 1_000_000);
		assertThat(postmaster.isAlive()).isFalse();
		assertThat(PostgresServer.stopLeftover(data)).isEqualTo(Leftover.NONE);

		try (PostgresServer again = PostgresServer.create(data, port, true).start()) {
			assertThat(markers(again)).containsExactly(1);
		}
	}

	@Test
	void aStalePostmasterPidOfAnotherProgramIsRemoved(@TempDir Path dir) throws Exception {
		Path data = dir.resolve("postgres");
		int port = FreePorts.any();
		List<String> pidFile;
		try (PostgresServer server = PostgresServer.create(data, port, false).start()) {
			pidFile = Files.readAllLines(data.resolve("postmaster.pid"), StandardCharsets.US_ASCII);
			server.createDatabase("crash");
		}
		assertThat(data.resolve("postmaster.pid")).doesNotExist();

		// The file of a server that died, its process id now taken by another program
		// (this JVM).
		writeStale(data, pidFile, ProcessHandle.current().pid());
		assertThat(PostgresServer.stopLeftover(data)).isEqualTo(Leftover.STALE_PID_FILE);
		assertThat(data.resolve("postmaster.pid")).doesNotExist();

		// ... and one whose process is gone.
		Process exited = new ProcessBuilder("true").start();
		exited.waitFor();
		writeStale(data, pidFile, exited.pid());
		try (PostgresServer again = PostgresServer.create(data, port, false).start()) {
			again.createDatabase("crash");
			assertThat(postmaster(data).pid()).isNotEqualTo(exited.pid());
		}
	}

	@Test
	void aSecondServerOnTheSameDirectoryInThisJvmIsRefused(@TempDir Path dir) {
		Path data = dir.resolve("postgres");
		try (PostgresServer server = PostgresServer.create(data, 0, false).start()) {
			assertThatThrownBy(() -> PostgresServer.create(data, 0, false).start())
				.isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("in use");
			assertThat(server.dataSource("postgres")).isNotNull();
		}
	}

	@Test
	void aThrowAwayDataDirectoryGoesWithTheServerOfAKilledOwner(@TempDir Path dir) throws Exception {
		Path data;
		ProcessHandle postmaster;
		try (OwnerJvm owner = OwnerJvm.startThrowAway(dir)) {
			data = owner.dataDirectory();
			postmaster = postmaster(data);
			owner.kill();
		}
		await().atMost(SERVER_GONE_WITHIN).until(() -> !postmaster.isAlive() && !Files.exists(data));
	}

	private static ProcessHandle postmaster(Path data) throws IOException {
		long pid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
		return ProcessHandle.of(pid).orElseThrow();
	}

	private static void writeStale(Path data, List<String> pidFile, long pid) throws IOException {
		List<String> stale = new ArrayList<>(pidFile);
		stale.set(0, Long.toString(pid));
		Files.write(data.resolve("postmaster.pid"), stale, StandardCharsets.US_ASCII);
	}

	private static List<Integer> markers(PostgresServer server) throws SQLException {
		List<Integer> ids = new ArrayList<>();
		try (Connection connection = server.dataSource("crash").getConnection();
				Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("SELECT id FROM marker ORDER BY id")) {
			while (rs.next()) {
				ids.add(rs.getInt(1));
			}
		}
		return ids;
	}

}
