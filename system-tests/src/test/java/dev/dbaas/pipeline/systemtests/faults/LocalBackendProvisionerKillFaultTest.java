package dev.dbaas.pipeline.systemtests.faults;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.dbaas.pipeline.localinfra.FileTree;
import dev.dbaas.pipeline.systemtests.faults.check.PipelineCheck;
import dev.dbaas.pipeline.systemtests.faults.check.ReliabilityReport;
import dev.dbaas.pipeline.systemtests.faults.check.ScenarioRun;
import dev.dbaas.pipeline.systemtests.faults.check.Verdict;
import dev.dbaas.pipeline.systemtests.faults.stack.FaultStack;
import dev.dbaas.pipeline.systemtests.faults.stack.Service;
import dev.dbaas.pipeline.systemtests.faults.stack.ServiceProcess;
import dev.dbaas.pipeline.testkit.fixtures.Orders;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scenario 9 (issue 17): the provisioner runs the real local backend (PostgreSQL 17
 * servers below the test's directory) and is killed with {@code kill -9} inside each of
 * the six steps, one order per step, and started again.
 *
 * <p>
 * The step is made observable without sleeping through the backend's own per-order lock
 * file ({@code locks/<order>.lock}, an {@code fcntl} lock that the backend holds for the
 * whole of a step): the test holds it, so the worker waits inside {@code perform(step)};
 * letting go until the worker holds it and taking it back right after lets exactly one
 * step through. At the target step the provisioner is killed either while it waits inside
 * the step (the quick steps) or while it holds the lock, that is in the middle of the
 * step's effect ({@code initdb}, the single-user admin and server start, the TLS health
 * check).
 *
 * <p>
 * Checks: every order ends DONE (or FAILED with a code), the instance journal shows every
 * step EXECUTED at most once, one live postmaster per DONE order and no instance
 * directory without an order, a DONE instance accepts a TLS login from 127.0.0.2; and a
 * clean stop of the provisioner (SIGTERM) stops every server.
 */
@Tag("profile-only")
class LocalBackendProvisionerKillFaultTest {

	private static final Logger log = LoggerFactory.getLogger(LocalBackendProvisionerKillFaultTest.class);

	private static final List<String> STEPS = List.of("ALLOCATE_NODE", "ATTACH_STORAGE", "CONFIGURE_FIREWALL",
			"INSTALL_ENGINE", "CREATE_ADMIN_CREDENTIALS", "HEALTH_CHECK");

	/** Steps that take long enough to be killed while their effect is under way. */
	private static final Set<String> KILLED_MID_EFFECT = Set.of("INSTALL_ENGINE", "CREATE_ADMIN_CREDENTIALS",
			"HEALTH_CHECK");

	private static final Pattern ORDER_ID = Pattern.compile("\"orderId\"\\s*:\\s*\"([^\"]+)\"");

	private static final Duration STEP_TIMEOUT = Duration.ofSeconds(120);

	private static final String PROVISIONER = "provisioner-local";

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Test
	void killsInsideEveryStepOfTheLocalBackendLeaveNoOrphanAndNoStepTwice() throws Exception {
		FaultStack stack = FaultStack.shared();
		ScenarioRun run = new ScenarioRun(9, "Provisioner on the local backend killed with kill -9 inside each step",
				stack);
		Path base = Files.createTempDirectory(stack.output(), "local-backend-");
		stack.instance(Service.PROVISIONER).stop();
		Map<String, String> local = new LinkedHashMap<>();
		local.put("provisioner.backend", "local");
		local.put("provisioner.local.base-directory", base.toString());
		local.put("provisioner.local.max-instances", String.valueOf(STEPS.size()));
		local.put("provisioner.local.stop-on-close", "true");
		local.put("provisioner.local.start-on-open", "true");
		ServiceProcess provisioner = stack.launchExtra(Service.PROVISIONER, PROVISIONER, local)
			.awaitHealthy(FaultStack.START_TIMEOUT);
		List<String> orders = new ArrayList<>();
		List<Long> recoveryMillis = new ArrayList<>();
		List<String> problems = new ArrayList<>();
		try {
			for (String step : STEPS) {
				String orderId = place(stack, run.customerId());
				orders.add(orderId);
				String killedAt;
				try (OrderLock lock = OrderLock.hold(base, orderId)) {
					pinAt(stack, base, orderId, step, lock);
					if (KILLED_MID_EFFECT.contains(step)) {
						lock.release();
						await().atMost(Duration.ofSeconds(30))
							.pollDelay(Duration.ZERO)
							.pollInterval(Duration.ofMillis(1))
							.until(lock::heldByOther);
						killedAt = step + " (effect under way)";
					}
					else {
						killedAt = step + " (waiting inside the step)";
					}
					provisioner.kill();
				}
				log.info("Killed the provisioner in {} of order {}", killedAt, orderId);
				long restarted = System.nanoTime();
				provisioner = stack.launchExtra(Service.PROVISIONER, PROVISIONER, local)
					.awaitHealthy(FaultStack.START_TIMEOUT);
				await().atMost(STEP_TIMEOUT)
					.pollInterval(Duration.ofMillis(200))
					.until(() -> !"PROCESSING".equals(job(stack, orderId).state()));
				recoveryMillis.add((System.nanoTime() - restarted) / 1_000_000);
			}
			Set<String> accepted = new LinkedHashSet<>(orders);
			Optional<Duration> recovery = new PipelineCheck(stack).awaitRecovery(run.customerId(), accepted,
					System.nanoTime(), ScenarioRun.RECOVERY_TIMEOUT);
			if (recovery.isEmpty()) {
				problems.add("the view did not converge within " + ScenarioRun.RECOVERY_TIMEOUT);
			}
			Verdict verdict = new PipelineCheck(stack).verify(run.customerId(), accepted);
			problems.addAll(verdict.problems());
			int done = checkInstances(stack, base, orders, problems);
			provisioner.stop();
			stack.forgetExtra(PROVISIONER);
			boolean serversStopped = awaitNoServer(base);
			if (!serversStopped) {
				problems.add("PostgreSQL servers of " + base + " outlived a clean stop of the provisioner: "
						+ postmasters(base));
			}
			long maxRecovery = recoveryMillis.stream().mapToLong(Long::longValue).max().orElse(0);
			String notes = STEPS.size() + " kills, one per step (3 waiting inside the step, 3 mid-effect); " + done
					+ " DONE; every step EXECUTED at most once (instance journal); recovery after restart "
					+ recoveryMillis.stream().map((ms) -> String.format("%.1f", ms / 1000.0)).toList()
					+ " s; servers stopped by SIGTERM: " + serversStopped
					+ (problems.isEmpty() ? "" : "; FAILED: " + String.join("; ", problems));
			ReliabilityReport.add(stack.output(),
					new ReliabilityReport.Row(9,
							"Provisioner on the local backend (PostgreSQL 17) killed with "
									+ "kill -9 inside each step, restarted",
							orders.size(), accepted.size(), verdict.lost().size(), verdict.duplicates().size(), 0, 0,
							Optional.of(Duration.ofMillis(maxRecovery)), problems.isEmpty(), notes));
			assertThat(problems).as("scenario 9").isEmpty();
			assertThat(done).as("DONE orders").isEqualTo(orders.size());
		}
		finally {
			if (provisioner.isAlive()) {
				provisioner.stop();
			}
			stack.forgetExtra(PROVISIONER);
			if (postmasters(base).isEmpty()) {
				FileTree.deleteQuietly(base);
			}
		}
	}

	/**
	 * Lets the worker through one step at a time until it waits inside {@code step}: the
	 * job's committed step is {@code step} and the test holds the order lock.
	 */
	private static void pinAt(FaultStack stack, Path base, String orderId, String step, OrderLock lock)
			throws IOException, SQLException {
		int target = STEPS.indexOf(step);
		await().atMost(STEP_TIMEOUT)
			.pollInterval(Duration.ofMillis(20))
			.until(() -> job(stack, orderId).leased() && "PROCESSING".equals(job(stack, orderId).state()));
		while (true) {
			Job job = job(stack, orderId);
			int at = STEPS.indexOf(job.step());
			assertThat(at).as("order %s overtook step %s: it is at %s", orderId, step, job.step())
				.isLessThanOrEqualTo(target);
			if (at == target) {
				assertThat(journal(base, orderId)).as("journal of %s before %s", orderId, step).hasSize(target);
				return;
			}
			int journalled = journal(base, orderId).size();
			lock.release();
			// Until the worker holds the lock, or has already let go of it after a quick
			// step: it journals and commits before it asks for the lock again, by then
			// the test holds it.
			await().atMost(STEP_TIMEOUT)
				.pollDelay(Duration.ZERO)
				.pollInterval(Duration.ofMillis(1))
				.until(() -> lock.heldByOther() || journal(base, orderId).size() > journalled);
			lock.acquire();
			await().atMost(STEP_TIMEOUT)
				.pollInterval(Duration.ofMillis(20))
				.until(() -> STEPS.indexOf(job(stack, orderId).step()) == at + 1
						|| !job(stack, orderId).state().equals("PROCESSING"));
			assertThat(journal(base, orderId)).as("journal of %s after one step", orderId).hasSize(journalled + 1);
		}
	}

	private int checkInstances(FaultStack stack, Path base, List<String> orders, List<String> problems)
			throws Exception {
		Path instances = base.resolve("instances");
		List<String> directories;
		try (Stream<Path> list = Files.list(instances)) {
			directories = list.map((path) -> path.getFileName().toString()).sorted().toList();
		}
		for (String directory : directories) {
			if (!orders.contains(directory)) {
				problems.add("instance directory " + directory + " belongs to no order");
			}
		}
		int done = 0;
		for (String orderId : orders) {
			Job job = job(stack, orderId);
			Path instance = instances.resolve(orderId);
			Map<String, Integer> executed = new LinkedHashMap<>();
			for (String[] entry : journal(base, orderId)) {
				if ("EXECUTED".equals(entry[1])) {
					executed.merge(entry[0], 1, Integer::sum);
				}
			}
			executed.forEach((step, times) -> {
				if (times > 1) {
					problems.add("order " + orderId + ": " + step + " EXECUTED " + times + " times");
				}
			});
			if ("DONE".equals(job.state())) {
				done++;
				Optional<Long> pid = postmasterPid(instance);
				if (pid.isEmpty()) {
					problems.add("DONE order " + orderId + " has no running server");
				}
				else if (!tlsLoginFrom127002(base, instance)) {
					problems.add("DONE order " + orderId + " refused the admin's TLS login from 127.0.0.2");
				}
			}
			else if (job.failureCode() == null) {
				problems.add("order " + orderId + " ended " + job.state() + " without a failure code");
			}
			else {
				log.warn("Order {} FAILED with {}", orderId, job.failureCode());
			}
		}
		List<Long> running = postmasters(base);
		if (running.size() != done) {
			problems.add(running.size() + " PostgreSQL servers run below " + base + " for " + done + " DONE orders");
		}
		return done;
	}

	private static boolean tlsLoginFrom127002(Path base, Path instance) throws IOException {
		Properties credentials = new Properties();
		try (Reader reader = Files.newBufferedReader(instance.resolve("admin.credentials"), StandardCharsets.UTF_8)) {
			credentials.load(reader);
		}
		int port = Integer.parseInt(Files.readAllLines(instance.resolve("data/postmaster.pid")).get(3).trim());
		Properties login = new Properties();
		login.setProperty("user", credentials.getProperty("username"));
		login.setProperty("password", credentials.getProperty("password"));
		login.setProperty("sslmode", "verify-full");
		login.setProperty("sslrootcert", base.resolve("ca/ca.crt").toString());
		login.setProperty("localSocketAddress", "127.0.0.2");
		login.setProperty("connectTimeout", "5");
		try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres",
				login);
				Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("SHOW server_version")) {
			return rs.next() && rs.getString(1).startsWith("17.");
		}
		catch (SQLException ex) {
			log.warn("TLS login to {} failed: {}", instance, ex.getMessage());
			return false;
		}
	}

	private static boolean awaitNoServer(Path base) {
		try {
			await().atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(200))
				.until(() -> postmasters(base).isEmpty());
			return true;
		}
		catch (org.awaitility.core.ConditionTimeoutException ex) {
			return false;
		}
	}

	/** The live postmasters started on a data directory below the base directory. */
	private static List<Long> postmasters(Path base) {
		String marker = base.toAbsolutePath().toString();
		return ProcessHandle.allProcesses()
			.filter((process) -> process.info().command().map((command) -> command.endsWith("/postgres")).orElse(false))
			.filter((process) -> process.info()
				.arguments()
				.map((args) -> String.join(" ", args).contains(marker))
				.orElse(false))
			.map(ProcessHandle::pid)
			.toList();
	}

	private static Optional<Long> postmasterPid(Path instance) throws IOException {
		Path pidFile = instance.resolve("data/postmaster.pid");
		if (!Files.isRegularFile(pidFile)) {
			return Optional.empty();
		}
		long pid = Long.parseLong(Files.readAllLines(pidFile, StandardCharsets.US_ASCII).get(0).trim());
		return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(ProcessHandle::pid);
	}

	/** The journal's lines as {step, outcome}. */
	private static List<String[]> journal(Path base, String orderId) throws IOException {
		Path file = base.resolve("instances").resolve(orderId).resolve("journal.log");
		if (!Files.isRegularFile(file)) {
			return List.of();
		}
		return Files.readAllLines(file, StandardCharsets.UTF_8)
			.stream()
			.filter((line) -> !line.isBlank())
			.map((line) -> line.split(" "))
			.map((parts) -> new String[] { parts[1], parts[3] })
			.toList();
	}

	private String place(FaultStack stack, String customerId) throws IOException, InterruptedException {
		String body = Orders.aValidOrder()
			.withCustomerId(customerId)
			.with("databaseType", "POSTGRESQL")
			.with("databaseVersion", "17")
			.with("nodeSize", "b2-4")
			.with("trustedSources", List.of("127.0.0.2/32"))
			.toJson();
		HttpRequest request = HttpRequest.newBuilder(URI.create(stack.intakeUrl() + "/v1/orders"))
			.header("Content-Type", "application/json")
			.header("Idempotency-Key", UUID.randomUUID().toString())
			.header("Authorization", "Bearer " + stack.bearerToken())
			.timeout(Duration.ofSeconds(15))
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("answer to %s: %s", body, response.body()).isEqualTo(202);
		Matcher id = ORDER_ID.matcher(response.body());
		assertThat(id.find()).as("orderId in %s", response.body()).isTrue();
		String orderId = id.group(1);
		// The backend names an order's directory and lock after a short lower-case id.
		assertThat(orderId).matches("[a-z0-9][a-z0-9_-]{0,39}");
		return orderId;
	}

	private static Job job(FaultStack stack, String orderId) throws SQLException {
		try (Connection connection = stack.database(Service.PROVISIONER).getConnection();
				PreparedStatement statement = connection.prepareStatement(
						"SELECT state, step, lease_owner, failure_code FROM provisioning_job WHERE order_id = ?")) {
			statement.setString(1, orderId);
			try (ResultSet rs = statement.executeQuery()) {
				if (!rs.next()) {
					return new Job("MISSING", "ALLOCATE_NODE", false, null);
				}
				return new Job(rs.getString(1), rs.getString(2), rs.getString(3) != null, rs.getString(4));
			}
		}
	}

	private record Job(String state, String step, boolean leased, @Nullable String failureCode) {
	}

	/**
	 * The backend's lock file of one order, held by the test ({@code fcntl}: it excludes
	 * the provisioner's process, not this JVM's other threads).
	 */
	private static final class OrderLock implements AutoCloseable {

		private final FileChannel channel;

		private @Nullable FileLock lock;

		private OrderLock(FileChannel channel) {
			this.channel = channel;
		}

		static OrderLock hold(Path base, String orderId) throws IOException {
			Path file = base.resolve("locks").resolve(orderId + ".lock");
			Files.createDirectories(file.getParent());
			OrderLock lock = new OrderLock(FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE));
			lock.acquire();
			return lock;
		}

		void acquire() throws IOException {
			this.lock = this.channel.lock();
		}

		void release() throws IOException {
			FileLock held = this.lock;
			if (held != null) {
				held.release();
				this.lock = null;
			}
		}

		/** Whether another process holds the lock now; takes and drops it if not. */
		boolean heldByOther() {
			try {
				FileLock probe = this.channel.tryLock();
				if (probe == null) {
					return true;
				}
				probe.release();
				return false;
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		@Override
		public void close() throws IOException {
			release();
			this.channel.close();
		}

	}

}
