package dev.dbaas.pipeline.provisioner.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

import dev.dbaas.pipeline.contract.credentials.AdminCredentials;
import dev.dbaas.pipeline.contract.instance.InstanceIdRule;
import dev.dbaas.pipeline.provisioner.local.InstanceJournal.Outcome;
import dev.dbaas.pipeline.provisioner.provisioning.DatabaseEngine;
import dev.dbaas.pipeline.provisioner.provisioning.DatabaseOrder;
import dev.dbaas.pipeline.provisioner.provisioning.EngineType;
import dev.dbaas.pipeline.provisioner.provisioning.FailureCode;
import dev.dbaas.pipeline.provisioner.provisioning.InstanceFacts;
import dev.dbaas.pipeline.provisioner.provisioning.OrderId;
import dev.dbaas.pipeline.provisioner.provisioning.ProvisioningStep;
import dev.dbaas.pipeline.provisioner.provisioning.Region;
import dev.dbaas.pipeline.provisioner.provisioning.StepOutcome;
import dev.dbaas.pipeline.provisioner.provisioning.StepOutcome.Completed;
import dev.dbaas.pipeline.provisioner.provisioning.StepOutcome.Rejected;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The local backend with real PostgreSQL and MariaDB servers: all six steps, TLS logins
 * verified against the backend's CA from a trusted source ({@code 127.0.0.2}) and refused
 * from any other ({@code 127.0.0.3}), repeated steps that create nothing twice, adoption
 * by a second backend, and the instance limit. Servers are stopped through the backend's
 * own API.
 */
class LocalBackendIntegrationTest {

	private static final Path BINARIES = Path.of("target", "local-engine-binaries").toAbsolutePath();

	@TempDir
	static Path base;

	private static LocalBackend backend;

	private static final List<OrderId> provisioned = new ArrayList<>();

	@BeforeAll
	static void openBackend() throws Exception {
		backend = new LocalBackend(settings(base).withMaxInstances(6), "test-worker", Clock.systemUTC());
		backend.open();
	}

	@AfterAll
	static void deleteInstances() throws Exception {
		for (OrderId orderId : provisioned) {
			backend.delete(orderId);
		}
		backend.close();
	}

	@Test
	void postgresqlLetsTheTrustedSourceInOverVerifiedTlsAndRefusesAnyOther() throws Exception {
		DatabaseOrder order = order(EngineType.POSTGRESQL, "17");
		InstanceFacts facts = provision(order);
		AdminCredentials admin = backend.adminCredentials(order.orderId()).orElseThrow();
		Path ca = caFileOf(facts);

		try (Connection connection = postgres(facts, ca, admin, "127.0.0.2")) {
			assertThat(single(connection, "SELECT version()")).startsWith("PostgreSQL 17.");
			assertThat(single(connection, "SHOW ssl")).isEqualTo("on");
		}
		assertThatExceptionOfType(SQLException.class).isThrownBy(() -> postgres(facts, ca, admin, "127.0.0.3"))
			.satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("28000"))
			.withMessageContaining("pg_hba.conf rejects connection for host \"127.0.0.3\"");

		long pid = backend.serverPid(order.orderId()).orElseThrow();
		provisionAgain(order);
		assertThat(backend.serverPid(order.orderId())).contains(pid);
		assertThat(backend.adminCredentials(order.orderId())).contains(admin);
		try (Connection connection = postgres(facts, ca, admin, "127.0.0.2")) {
			assertThat(single(connection, "SELECT count(*) FROM pg_roles WHERE rolname = 'admin'")).isEqualTo("1");
		}
		assertEveryStepExecutedOnce(order.orderId());
	}

	@Test
	void mariadbLetsTheTrustedSourceInOverVerifiedTlsAndRefusesAnyOther() throws Exception {
		DatabaseOrder order = order(EngineType.MARIADB, "11.4");
		InstanceFacts facts = provision(order);
		AdminCredentials admin = backend.adminCredentials(order.orderId()).orElseThrow();
		Path ca = caFileOf(facts);

		try (Connection connection = mariadb(facts, ca, admin, "127.0.0.2")) {
			assertThat(single(connection, "SELECT version()")).startsWith("11.4.");
			assertThat(single(connection, "SELECT @@require_secure_transport")).isEqualTo("1");
		}
		assertThatExceptionOfType(SQLException.class).isThrownBy(() -> mariadb(facts, ca, admin, "127.0.0.3"))
			.withMessageContaining("127.0.0.3");

		long pid = backend.serverPid(order.orderId()).orElseThrow();
		provisionAgain(order);
		assertThat(backend.serverPid(order.orderId())).contains(pid);
		try (Connection connection = mariadb(facts, ca, admin, "127.0.0.2")) {
			assertThat(single(connection, "SELECT count(*) FROM mysql.global_priv WHERE User = 'admin'"))
				.isEqualTo("1");
			assertThat(single(connection, "SELECT count(*) FROM mysql.global_priv WHERE User = ''"
					+ " OR (User = 'root' AND Host <> 'localhost')"))
				.isEqualTo("0");
		}
		assertEveryStepExecutedOnce(order.orderId());
	}

	@Test
	void aSecondBackendOverTheSameDirectoryAdoptsTheRunningServersAndARestartStartsThemAgain() throws Exception {
		DatabaseOrder order = order(EngineType.POSTGRESQL, "17");
		provision(order);
		long pid = backend.serverPid(order.orderId()).orElseThrow();

		// As after a kill -9 of the provisioner: the first backend is never closed.
		LocalBackend successor = new LocalBackend(settings(base).withMaxInstances(6), "successor", Clock.systemUTC());
		successor.open();
		assertThat(successor.adopted()).contains(order.orderId());
		assertThat(successor.serverPid(order.orderId())).contains(pid);
		assertThat(successor.perform(order, ProvisioningStep.HEALTH_CHECK, 0)).isInstanceOf(Completed.class);

		// A clean stop of the successor stops the servers; the next start starts them
		// again.
		successor.close();
		assertThat(successor.serverPid(order.orderId())).isEmpty();
		LocalBackend restarted = new LocalBackend(settings(base).withMaxInstances(6), "restarted", Clock.systemUTC());
		restarted.open();
		assertThat(restarted.serverPid(order.orderId())).isPresent().isNotEqualTo(Optional.of(pid));
		assertThat(restarted.perform(order, ProvisioningStep.HEALTH_CHECK, 0)).isInstanceOf(Completed.class);
		assertThat(restarted.instances()).extracting(LocalInstance::orderId).containsOnlyOnce(order.orderId());
	}

	@Test
	void anOrderBeyondTheInstanceLimitFailsWithTheCapacityCode(@TempDir Path small) throws Exception {
		LocalBackend one = new LocalBackend(settings(small).withMaxInstances(1).withPorts(25500, 25509), "test",
				Clock.systemUTC());
		one.open();
		DatabaseOrder first = order(EngineType.POSTGRESQL, "17");
		DatabaseOrder second = order(EngineType.MARIADB, "11.4");

		assertThat(one.perform(first, ProvisioningStep.ALLOCATE_NODE, 0)).isInstanceOf(Completed.class);
		StepOutcome refused = one.perform(second, ProvisioningStep.ALLOCATE_NODE, 0);

		assertThat(refused).isInstanceOfSatisfying(Rejected.class,
				(rejected) -> assertThat(rejected.failure().code()).isEqualTo(FailureCode.REGION_CAPACITY_EXHAUSTED));
		assertThat(one.perform(first, ProvisioningStep.ALLOCATE_NODE, 1)).isInstanceOf(Completed.class);
		assertThat(one.instances()).hasSize(1);
		assertThat(one.delete(first.orderId())).isTrue();
		assertThat(one.perform(second, ProvisioningStep.ALLOCATE_NODE, 1)).isInstanceOf(Completed.class);
		assertThat(one.delete(second.orderId())).isTrue();
	}

	@Test
	void aVersionWithoutBinariesFailsTheInstallationWithAStableCode(@TempDir Path other) throws Exception {
		LocalBackend local = new LocalBackend(settings(other).withPorts(25510, 25519), "test", Clock.systemUTC());
		local.open();
		DatabaseOrder order = order(EngineType.POSTGRESQL, "9");
		for (ProvisioningStep step : List.of(ProvisioningStep.ALLOCATE_NODE, ProvisioningStep.ATTACH_STORAGE,
				ProvisioningStep.CONFIGURE_FIREWALL)) {
			assertThat(local.perform(order, step, 0)).isInstanceOf(Completed.class);
		}
		assertThat(local.perform(order, ProvisioningStep.INSTALL_ENGINE, 0)).isInstanceOfSatisfying(Rejected.class,
				(rejected) -> assertThat(rejected.failure().code().value()).isEqualTo("ENGINE_BINARIES_MISSING"));
		assertThat(local.delete(order.orderId())).isTrue();
	}

	@Test
	void enginesWithoutLocalBinariesAreRefusedNotCrashed() throws Exception {
		DatabaseOrder order = order(EngineType.COUCHDB, "3.5");
		assertThat(backend.perform(order, ProvisioningStep.ALLOCATE_NODE, 0)).isInstanceOf(Rejected.class);
		assertThat(backend.instances()).extracting(LocalInstance::orderId).doesNotContain(order.orderId());
	}

	private static InstanceFacts provision(DatabaseOrder order) throws InterruptedException {
		provisioned.add(order.orderId());
		InstanceFacts facts = null;
		for (ProvisioningStep step : ProvisioningStep.CREATE_STEPS) {
			StepOutcome outcome = backend.perform(order, step, 0);
			assertThat(outcome).as("%s of %s", step, order.engine()).isInstanceOf(Completed.class);
			facts = ((Completed) outcome).instance();
		}
		assertThat(facts).isNotNull();
		assertThat(facts.host()).isEqualTo("127.0.0.1");
		assertThat(facts.sslMode()).isEqualTo("verify-full");
		assertThat(facts.engine()).isEqualTo(order.engine());
		return facts;
	}

	private static void provisionAgain(DatabaseOrder order) throws InterruptedException {
		for (ProvisioningStep step : ProvisioningStep.CREATE_STEPS) {
			assertThat(backend.perform(order, step, 1)).as("repeated %s", step).isInstanceOf(Completed.class);
		}
	}

	private static void assertEveryStepExecutedOnce(OrderId orderId) throws IOException {
		Map<ProvisioningStep, Long> executed = new EnumMap<>(ProvisioningStep.class);
		for (InstanceJournal.Entry entry : backend.journal(orderId)) {
			if (entry.outcome() == Outcome.EXECUTED) {
				executed.merge(entry.step(), 1L, Long::sum);
			}
		}
		Map<ProvisioningStep, Long> once = new EnumMap<>(ProvisioningStep.class);
		for (ProvisioningStep step : ProvisioningStep.CREATE_STEPS) {
			once.put(step, 1L);
		}
		assertThat(executed).isEqualTo(once);
		assertThat(backend.journal(orderId)).filteredOn((entry) -> entry.outcome() == Outcome.REPLAYED)
			.hasSize(ProvisioningStep.CREATE_STEPS.size());
		assertThat(backend.instances()).extracting(LocalInstance::orderId).containsOnlyOnce(orderId);
	}

	private static Connection postgres(InstanceFacts facts, Path ca, AdminCredentials admin, String source)
			throws SQLException {
		Properties login = new Properties();
		login.setProperty("user", admin.username());
		login.setProperty("password", admin.password());
		login.setProperty("sslmode", "verify-full");
		login.setProperty("sslrootcert", ca.toString());
		login.setProperty("localSocketAddress", source);
		return DriverManager.getConnection("jdbc:postgresql://" + facts.host() + ":" + facts.port() + "/postgres",
				login);
	}

	private static Connection mariadb(InstanceFacts facts, Path ca, AdminCredentials admin, String source)
			throws SQLException {
		Properties login = new Properties();
		login.setProperty("user", admin.username());
		login.setProperty("password", admin.password());
		login.setProperty("sslMode", "verify-full");
		login.setProperty("serverSslCert", ca.toString());
		login.setProperty("localSocketAddress", source);
		return DriverManager.getConnection("jdbc:mariadb://" + facts.host() + ":" + facts.port() + "/", login);
	}

	private static String single(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
			rs.next();
			return rs.getString(1);
		}
	}

	private static Path caFileOf(InstanceFacts facts) throws IOException {
		assertThat(facts.caCertificate()).startsWith("-----BEGIN CERTIFICATE-----");
		Path file = Files.createTempFile(base, "ca", ".crt");
		Files.writeString(file, facts.caCertificate());
		return file;
	}

	private static DatabaseOrder order(EngineType type, String version) {
		return new DatabaseOrder(new OrderId(UUID.randomUUID().toString()), InstanceIdRule.newId(), "customer-1",
				new DatabaseEngine(type, version), "b2-4", 50, List.of("127.0.0.2/32"), new Region("DE-WEST-1"));
	}

	private static LocalSettings settings(Path directory) {
		return LocalSettings.defaults(directory).withBinariesDirectory(BINARIES).withPorts(25400, 25499);
	}

}
