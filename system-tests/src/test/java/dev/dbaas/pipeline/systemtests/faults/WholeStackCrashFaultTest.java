package dev.dbaas.pipeline.systemtests.faults;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import dev.dbaas.pipeline.localinfra.FreePorts;
import dev.dbaas.pipeline.localinfra.sample.ValidOrder;
import dev.dbaas.pipeline.systemtests.faults.check.PipelineCheck;
import dev.dbaas.pipeline.systemtests.faults.check.ScenarioRun;
import dev.dbaas.pipeline.systemtests.faults.check.Verdict;
import dev.dbaas.pipeline.systemtests.faults.load.LoadStats;
import dev.dbaas.pipeline.systemtests.faults.load.OrderLoad;
import dev.dbaas.pipeline.systemtests.faults.stack.CustomerDatabases;
import dev.dbaas.pipeline.systemtests.faults.stack.FaultStack;
import dev.dbaas.pipeline.systemtests.faults.stack.LauncherProcess;
import dev.dbaas.pipeline.systemtests.faults.stack.Service;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scenario 8 (issue 20): the local launcher, started with {@code --data-dir} on its
 * default backend (real PostgreSQL servers for PostgreSQL orders, the simulation for
 * MySQL), is killed with {@code kill -9} of its JVM alone while orders arrive, and
 * started again on the same data directory. Nothing else is touched: what the dead JVM
 * started is the product's to handle.
 *
 * <p>
 * Checks, besides the suite's invariants (nothing accepted lost or duplicated, for the
 * simulated and the real orders alike): the launcher's own PostgreSQL is gone within
 * seconds of the kill and Kafka's port is free; the customer databases keep running
 * through the crash, and the restarted launcher adopts them (same server process) and
 * finishes the real orders that were in flight; every real database accepts its admin's
 * TLS login; after the final clean stop no PostgreSQL of the data directory is left in
 * the process table.
 */
@Tag("profile-only")
class WholeStackCrashFaultTest {

	/** "A few seconds" (issue 20), with room for a busy two-core machine. */
	private static final Duration OWN_POSTGRES_GONE_WITHIN = Duration.ofSeconds(10);

	private static final UnaryOperator<ValidOrder> SIMULATED_MYSQL = (order) -> order.with("databaseType", "MYSQL")
		.with("databaseVersion", "8.4");

	private static final UnaryOperator<ValidOrder> REAL_POSTGRESQL = (order) -> order.with("databaseType", "POSTGRESQL")
		.with("databaseVersion", "17")
		.with("trustedSources", List.of("127.0.0.2/32"));

	/** Real orders DONE before the crash, whose servers the restart must adopt. */
	private static final int DONE_BEFORE_CRASH = 3;

	/** Real orders placed right before the crash, in flight when it comes. */
	private static final int IN_FLIGHT_AT_CRASH = 2;

	@Test
	void aRestartOnTheSameDataDirectoryFinishesEveryOrderAndAdoptsTheCustomerDatabases() throws Exception {
		try (LauncherProcess launcher = new LauncherProcess(FaultStack.outputDir()).start()) {
			ScenarioRun run = new ScenarioRun(8,
					"Whole-stack crash: kill -9 of the launcher's JVM alone (--data-dir, local backend), restart",
					launcher);
			String realCustomer = run.customerId() + "-real";
			OrderLoad load = OrderLoad.start(launcher.intakeUrl(), launcher.bearerToken(), run.customerId(), 10, 4,
					SIMULATED_MYSQL);
			LoadStats real = new LoadStats();
			OrderLoad.placeNow(launcher.intakeUrl(), launcher.bearerToken(), realCustomer, DONE_BEFORE_CRASH, real,
					REAL_POSTGRESQL);
			List<String> adoptable = List.copyOf(real.accepted());
			await().atMost(Duration.ofSeconds(180))
				.pollInterval(Duration.ofMillis(500))
				.until(() -> adoptable.stream().allMatch((order) -> "DONE".equals(jobState(launcher, order))));
			CustomerDatabases databases = launcher.customerDatabases();
			Map<String, Long> serversBefore = new LinkedHashMap<>();
			for (String order : adoptable) {
				serversBefore.put(order, databases.serverPid(order).orElseThrow());
			}
			OrderLoad.placeNow(launcher.intakeUrl(), launcher.bearerToken(), realCustomer, IN_FLIGHT_AT_CRASH, real,
					REAL_POSTGRESQL);
			Pauses.pause(Duration.ofSeconds(2));
			ProcessHandle ownPostgres = launcher.ownPostgres().orElseThrow();

			long killed = System.nanoTime();
			launcher.crash();
			int acceptedAtCrash = load.stats().accepted().size();
			Optional<Duration> ownPostgresGone = awaitGone(ownPostgres, killed);
			boolean kafkaPortFree = FreePorts.isFree(launcher.kafkaPort());
			List<String> stoppedWithTheLauncher = adoptable.stream()
				.filter((order) -> ProcessHandle.of(serversBefore.get(order)).filter(ProcessHandle::isAlive).isEmpty())
				.toList();
			run.check(ownPostgresGone.isPresent(), "the launcher's PostgreSQL (pid " + ownPostgres.pid()
					+ ") still ran " + OWN_POSTGRES_GONE_WITHIN + " after kill -9 of the launcher");
			run.check(kafkaPortFree, "Kafka's port " + launcher.kafkaPort() + " outlived the launcher's JVM");
			run.check(stoppedWithTheLauncher.isEmpty(),
					"customer databases stopped with the launcher: " + stoppedWithTheLauncher);

			long restarted = System.nanoTime();
			launcher.start();
			Pauses.pause(Duration.ofSeconds(3));
			LoadStats stats = load.stop();
			run.awaitRecovery(stats, restarted);

			PipelineCheck realCheck = new PipelineCheck(launcher);
			Optional<Duration> realRecovery = realCheck.awaitRecovery(realCustomer, real.accepted(), restarted,
					ScenarioRun.RECOVERY_TIMEOUT);
			run.check(realRecovery.isPresent(),
					"the real orders did not recover within " + ScenarioRun.RECOVERY_TIMEOUT);
			Verdict realVerdict = realCheck.verify(realCustomer, real.accepted());
			realVerdict.problems().forEach((problem) -> run.check(false, "real orders: " + problem));
			List<String> notDone = new ArrayList<>();
			List<String> refusedLogin = new ArrayList<>();
			for (String order : real.accepted()) {
				if (!"DONE".equals(jobState(launcher, order))) {
					notDone.add(order + " " + jobState(launcher, order));
				}
				else if (!databases.acceptsAdminLogin(order, "17")) {
					refusedLogin.add(order);
				}
			}
			List<String> notAdopted = adoptable.stream()
				.filter((order) -> !databases.serverPid(order).equals(Optional.of(serversBefore.get(order))))
				.toList();
			run.check(notDone.isEmpty(), "real orders not DONE: " + notDone);
			run.check(refusedLogin.isEmpty(), "real databases refusing the admin's TLS login: " + refusedLogin);
			run.check(notAdopted.isEmpty(), "customer databases not adopted (server process changed): " + notAdopted);
			long adoptedInLog = Files.readAllLines(launcher.log())
				.stream()
				.filter((line) -> line.contains("Adopted the running"))
				.count();

			run.note(acceptedAtCrash + " orders accepted before the crash; clients kept retrying during the restart");
			run.note("launcher's PostgreSQL gone "
					+ ownPostgresGone.map((gone) -> String.format("%.1f s", gone.toMillis() / 1000.0)).orElse("never")
					+ " after kill -9; Kafka port free: " + kafkaPortFree);
			run.note(real.accepted().size() + " PostgreSQL 17 orders on real servers (" + DONE_BEFORE_CRASH
					+ " DONE before the crash, " + IN_FLIGHT_AT_CRASH + " in flight), " + realVerdict.lost().size()
					+ " lost, " + realVerdict.duplicates().size() + " duplicates, all DONE: " + notDone.isEmpty() + "; "
					+ (adoptable.size() - notAdopted.size()) + " of " + adoptable.size()
					+ " servers adopted with the same pid (" + adoptedInLog + " adoptions logged)");
			run.finish(stats);

			launcher.stop();
			List<Long> left = awaitNoPostgres(launcher);
			assertThat(left).as("PostgreSQL servers of the data directory after the launcher's clean stop").isEmpty();
		}
	}

	private static Optional<Duration> awaitGone(ProcessHandle server, long killedNanos) {
		try {
			await().atMost(OWN_POSTGRES_GONE_WITHIN)
				.pollDelay(Duration.ZERO)
				.pollInterval(Duration.ofMillis(20))
				.until(() -> !server.isAlive());
			return Optional.of(Duration.ofNanos(System.nanoTime() - killedNanos));
		}
		catch (ConditionTimeoutException ex) {
			return Optional.empty();
		}
	}

	/**
	 * Both the launcher's own and the customer databases: a clean stop stops them all.
	 */
	private static List<Long> awaitNoPostgres(LauncherProcess launcher) {
		try {
			await().atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(200))
				.until(() -> launcher.ownPostgresProcesses().isEmpty()
						&& launcher.customerDatabaseProcesses().isEmpty());
		}
		catch (ConditionTimeoutException ex) {
			// reported by the caller's assertion
		}
		List<Long> left = new ArrayList<>(launcher.ownPostgresProcesses());
		left.addAll(launcher.customerDatabaseProcesses());
		return left;
	}

	private static String jobState(LauncherProcess launcher, String orderId) {
		try (Connection connection = launcher.database(Service.PROVISIONER).getConnection();
				PreparedStatement statement = connection
					.prepareStatement("SELECT state FROM provisioning_job WHERE order_id = ?")) {
			statement.setString(1, orderId);
			try (ResultSet rs = statement.executeQuery()) {
				return rs.next() ? rs.getString(1) : "MISSING";
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot read the provisioning job of order " + orderId, ex);
		}
	}

}
