package dev.dbaas.pipeline.provisioner.local;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

import dev.dbaas.pipeline.contract.credentials.AdminCredentials;
import dev.dbaas.pipeline.contract.instance.InstanceIdRule;
import dev.dbaas.pipeline.provisioner.local.InstanceJournal.Outcome;
import dev.dbaas.pipeline.provisioner.provisioning.DatabaseEngine;
import dev.dbaas.pipeline.provisioner.provisioning.DatabaseOrder;
import dev.dbaas.pipeline.provisioner.provisioning.EngineType;
import dev.dbaas.pipeline.provisioner.provisioning.InstanceChanges;
import dev.dbaas.pipeline.provisioner.provisioning.InstanceFacts;
import dev.dbaas.pipeline.provisioner.provisioning.ObservedSettings;
import dev.dbaas.pipeline.provisioner.provisioning.OrderId;
import dev.dbaas.pipeline.provisioner.provisioning.OrderType;
import dev.dbaas.pipeline.provisioner.provisioning.ProvisioningStep;
import dev.dbaas.pipeline.provisioner.provisioning.Region;
import dev.dbaas.pipeline.provisioner.provisioning.StepOutcome;
import dev.dbaas.pipeline.provisioner.provisioning.StepOutcome.Completed;
import dev.dbaas.pipeline.provisioner.provisioning.StepOutcome.Rejected;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Change orders on real local servers: new trusted sources are applied by a reload (the
 * new source logs in, the old one is refused, the server keeps its pid), storage grows
 * without interruption, a new node size restarts the server with the new buffers and
 * reports how long it refused connections, and a delete stops the server, removes its
 * directory and frees its port. Every change order finds the instance by its id, and each
 * of its steps runs once however often it is repeated. A cancelled create's allocation is
 * released.
 */
class LocalBackendChangesIntegrationTest {

	private static final Logger log = LoggerFactory.getLogger(LocalBackendChangesIntegrationTest.class);

	private static final Path BINARIES = Path.of("target", "local-engine-binaries").toAbsolutePath();

	@TempDir
	static Path base;

	private static LocalBackend backend;

	@BeforeAll
	static void openBackend() throws Exception {
		backend = new LocalBackend(LocalSettings.defaults(base).withBinariesDirectory(BINARIES).withPorts(25700, 25749),
				"changes-worker", Clock.systemUTC());
		backend.open();
	}

	@AfterAll
	static void closeBackend() throws Exception {
		backend.close();
	}

	@Test
	void postgresqlTakesNewTrustedSourcesStorageAndNodeSizeThenIsDeleted() throws Exception {
		DatabaseOrder create = create(EngineType.POSTGRESQL, "17");
		InstanceFacts facts = provision(create);
		AdminCredentials admin = backend.adminCredentials(create.orderId()).orElseThrow();
		Path ca = caFile(facts);
		long pid = backend.serverPid(create.orderId()).orElseThrow();

		DatabaseOrder sources = change(create, 2, new InstanceChanges(null, null, List.of("127.0.0.4/32"), null));
		ObservedSettings afterSources = apply(sources);

		assertThat(afterSources.trustedSources()).containsExactly("127.0.0.4/32");
		assertThat(afterSources.interruptionMillis()).as("a reload, no restart").isNull();
		assertThat(backend.serverPid(create.orderId())).as("no restart").contains(pid);
		assertThat(postgres(facts, ca, admin, "127.0.0.4")).startsWith("PostgreSQL 17.");
		assertThatExceptionOfType(SQLException.class).isThrownBy(() -> postgres(facts, ca, admin, "127.0.0.2"))
			.withMessageContaining("pg_hba.conf rejects connection for host \"127.0.0.2\"");

		DatabaseOrder grow = change(sources, 3, new InstanceChanges(100, "b4-8", null, null));
		long started = System.nanoTime();
		ObservedSettings afterGrow = apply(grow);
		long applyMillis = (System.nanoTime() - started) / 1_000_000;

		assertThat(afterGrow.storageGb()).isEqualTo(100);
		assertThat(afterGrow.nodeSize()).isEqualTo("b4-8");
		assertThat(afterGrow.trustedSources()).containsExactly("127.0.0.4/32");
		assertThat(afterGrow.interruptionMillis()).isNotNull().isPositive();
		assertThat(backend.serverPid(create.orderId())).as("restarted").isPresent().isNotEqualTo(Optional.of(pid));
		try (Connection connection = login(facts, ca, admin, "127.0.0.4")) {
			assertThat(single(connection, "SHOW shared_buffers")).isEqualTo("32MB");
			assertThat(single(connection, "SHOW max_connections")).isEqualTo("30");
		}
		log.info("PostgreSQL 17 b2-4 -> b4-8 with 50 -> 100 GB: interruption {} ms, update {} ms",
				afterGrow.interruptionMillis(), applyMillis);

		DatabaseOrder delete = change(grow, 4, null);
		Path directory = backend.instanceOf(create.instanceId()).orElseThrow().layout().root();
		for (ProvisioningStep step : delete.steps()) {
			assertThat(backend.perform(delete, step, 0)).as(step.name()).isInstanceOf(Completed.class);
		}

		assertThat(directory).doesNotExist();
		assertThat(backend.instanceOf(create.instanceId())).isEmpty();
		assertThat(backend.isRemoved(create.instanceId())).isTrue();
		assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> probe(facts.port()));
		for (ProvisioningStep step : delete.steps()) {
			assertThat(backend.perform(delete, step, 1)).as("repeated " + step).isInstanceOf(Completed.class);
		}
		assertEachStepExecutedOnce(create.instanceId(), List.of(sources, grow, delete));
	}

	@Test
	void aChangeWhoseInstanceIsGoneFailsSayingTheInstanceIsNotUsable() throws Exception {
		DatabaseOrder create = create(EngineType.POSTGRESQL, "17");
		DatabaseOrder update = change(create, 2, new InstanceChanges(100, null, null, null));

		StepOutcome outcome = backend.perform(update, ProvisioningStep.APPLY_STORAGE, 0);

		assertThat(outcome).isInstanceOfSatisfying(Rejected.class, (rejected) -> {
			assertThat(rejected.failure().code()).isEqualTo(ProvisioningStep.APPLY_STORAGE.failureCode());
			assertThat(rejected.instanceUsable()).isFalse();
		});
	}

	@Test
	void releasingACancelledCreateRemovesWhatItAllocatedAndItIsNeverAllocatedAgain() throws Exception {
		DatabaseOrder create = create(EngineType.POSTGRESQL, "17");
		for (ProvisioningStep step : List.of(ProvisioningStep.ALLOCATE_NODE, ProvisioningStep.ATTACH_STORAGE,
				ProvisioningStep.CONFIGURE_FIREWALL)) {
			assertThat(backend.perform(create, step, 0)).isInstanceOf(Completed.class);
		}
		assertThat(backend.instanceOf(create.instanceId())).isPresent();

		assertThat(backend.release(create)).isInstanceOf(Completed.class);
		assertThat(backend.release(create)).as("released again").isInstanceOf(Completed.class);

		assertThat(backend.instanceOf(create.instanceId())).isEmpty();
		assertThat(backend.isRemoved(create.instanceId())).isTrue();
		assertThat(backend.perform(create, ProvisioningStep.ALLOCATE_NODE, 1)).isInstanceOf(Rejected.class);
		DatabaseOrder delete = change(create, 2, null);
		for (ProvisioningStep step : delete.steps()) {
			assertThat(backend.perform(delete, step, 0)).as(step.name()).isInstanceOf(Completed.class);
		}
	}

	@Test
	void mariadbTakesNewTrustedSourcesWithoutRestart() throws Exception {
		DatabaseOrder create = create(EngineType.MARIADB, "11.4");
		InstanceFacts facts = provision(create);
		AdminCredentials admin = backend.adminCredentials(create.orderId()).orElseThrow();
		Path ca = caFile(facts);
		long pid = backend.serverPid(create.orderId()).orElseThrow();

		DatabaseOrder sources = change(create, 2, new InstanceChanges(null, null, List.of("127.0.0.4/32"), null));
		ObservedSettings observed = apply(sources);

		assertThat(observed.trustedSources()).containsExactly("127.0.0.4/32");
		assertThat(backend.serverPid(create.orderId())).contains(pid);
		try (Connection connection = mariadb(facts, ca, admin, "127.0.0.4")) {
			assertThat(single(connection, "SELECT version()")).startsWith("11.4.");
		}
		assertThatExceptionOfType(SQLException.class).isThrownBy(() -> mariadb(facts, ca, admin, "127.0.0.2"));
		DatabaseOrder delete = change(sources, 3, null);
		for (ProvisioningStep step : delete.steps()) {
			assertThat(backend.perform(delete, step, 0)).as(step.name()).isInstanceOf(Completed.class);
		}
		assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> probe(facts.port()));
	}

	/** Runs a change's steps, then all of them again, and returns what it observed. */
	private static ObservedSettings apply(DatabaseOrder update) throws InterruptedException {
		ObservedSettings observed = null;
		for (ProvisioningStep step : update.steps()) {
			StepOutcome outcome = backend.perform(update, step, 0);
			assertThat(outcome).as("%s of %s", step, update.orderId()).isInstanceOf(Completed.class);
			observed = ((Completed) outcome).observed();
		}
		for (ProvisioningStep step : update.steps()) {
			assertThat(backend.perform(update, step, 1)).as("repeated %s", step).isInstanceOf(Completed.class);
		}
		assertThat(observed).isNotNull();
		return observed;
	}

	private static void assertEachStepExecutedOnce(String instanceId, List<DatabaseOrder> changes) throws IOException {
		List<InstanceJournal.Entry> journal = backend.journalOfInstance(instanceId);
		for (DatabaseOrder change : changes) {
			for (ProvisioningStep step : change.steps()) {
				assertThat(journal).filteredOn((entry) -> change.orderId().value().equals(entry.orderId()))
					.filteredOn((entry) -> entry.step() == step && entry.outcome() == Outcome.EXECUTED)
					.as("%s of %s executed", step, change.type())
					.hasSize(1);
			}
		}
	}

	private static InstanceFacts provision(DatabaseOrder order) throws InterruptedException {
		InstanceFacts facts = null;
		for (ProvisioningStep step : ProvisioningStep.CREATE_STEPS) {
			StepOutcome outcome = backend.perform(order, step, 0);
			assertThat(outcome).as("%s of %s", step, order.engine()).isInstanceOf(Completed.class);
			facts = ((Completed) outcome).instance();
		}
		assertThat(facts).isNotNull();
		return facts;
	}

	private static DatabaseOrder create(EngineType type, String version) {
		return new DatabaseOrder(new OrderId(UUID.randomUUID().toString()), InstanceIdRule.newId(), "customer-1",
				new DatabaseEngine(type, version), "b2-4", 50, List.of("127.0.0.2/32"), new Region("DE-WEST-1"));
	}

	/** The next order of the instance: an UPDATE with {@code changes}, or a DELETE. */
	private static DatabaseOrder change(DatabaseOrder before, long version, InstanceChanges changes) {
		return new DatabaseOrder(new OrderId(UUID.randomUUID().toString()), before.instanceId(), before.customerId(),
				before.engine(),
				(changes != null && changes.nodeSize() != null) ? changes.nodeSize() : before.nodeSize(),
				(changes != null && changes.storageGb() != null) ? changes.storageGb() : before.storageGb(),
				(changes != null && changes.trustedSources() != null) ? changes.trustedSources()
						: before.trustedSources(),
				before.region(), (changes != null) ? OrderType.UPDATE : OrderType.DELETE, version, changes);
	}

	private static void probe(int port) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
		}
	}

	private static String postgres(InstanceFacts facts, Path ca, AdminCredentials admin, String source)
			throws SQLException {
		try (Connection connection = login(facts, ca, admin, source)) {
			return single(connection, "SELECT version()");
		}
	}

	private static Connection login(InstanceFacts facts, Path ca, AdminCredentials admin, String source)
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

	private static Path caFile(InstanceFacts facts) throws IOException {
		Path file = Files.createTempFile(base, "ca", ".crt");
		Files.writeString(file, facts.caCertificate());
		return file;
	}

}
