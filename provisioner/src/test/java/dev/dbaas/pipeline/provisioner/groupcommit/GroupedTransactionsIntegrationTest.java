package dev.dbaas.pipeline.provisioner.groupcommit;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import dev.dbaas.pipeline.testkit.PipelineEnvironment;
import dev.dbaas.pipeline.testkit.RealInfrastructure;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Units of many threads share a transaction, and a unit that fails fails alone, on the
 * provisioner's schema in a real PostgreSQL.
 */
@RealInfrastructure
class GroupedTransactionsIntegrationTest {

	private static final GroupCommitProperties ONE_WRITER = new GroupCommitProperties(1, 256, Duration.ofSeconds(10));

	private static DataSource database;

	private static JdbcClient jdbc;

	@BeforeAll
	static void migrate(PipelineEnvironment env) {
		database = env.dataSource();
		Flyway.configure().dataSource(database).locations("classpath:db/migration/provisioner").load().migrate();
		jdbc = JdbcClient.create(database);
	}

	@Test
	void unitsQueuedWhileAGroupIsWrittenCommitTogether() throws Exception {
		List<Integer> groupSizes = new CopyOnWriteArrayList<>();
		ExecutorService callers = Executors.newFixedThreadPool(8);
		CountDownLatch writing = new CountDownLatch(1);
		try (GroupedTransactions grouped = new GroupedTransactions(transactions(), ONE_WRITER, groupSizes::add)) {
			// The first unit holds the only writer until seven more have queued.
			CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> grouped.run(() -> {
				writing.countDown();
				await().atMost(Duration.ofSeconds(10)).until(() -> grouped.queued() == 7);
				return host("first");
			}), callers);
			writing.await();
			List<CompletableFuture<String>> others = IntStream.range(0, 7)
				.mapToObj((i) -> CompletableFuture.supplyAsync(() -> grouped.run(() -> host("host-" + i)), callers))
				.toList();

			assertThat(first.get()).isEqualTo("first");
			assertThat(others.stream().map(CompletableFuture::join)).hasSize(7)
				.allMatch((id) -> id.startsWith("host-"));
		}
		finally {
			callers.shutdownNow();
		}
		assertThat(groupSizes).containsExactly(1, 7);
		assertThat(jdbc.sql("SELECT count(*) FROM provisioner_host WHERE host_id = 'first' OR host_id LIKE 'host-%'")
			.query(Integer.class)
			.single()).isEqualTo(8);
	}

	@Test
	void aFailingUnitFailsAloneAndTheOthersOfItsGroupCommit() throws Exception {
		host("taken");
		List<Integer> groupSizes = new CopyOnWriteArrayList<>();
		ExecutorService callers = Executors.newFixedThreadPool(4);
		CountDownLatch writing = new CountDownLatch(1);
		try (GroupedTransactions grouped = new GroupedTransactions(transactions(), ONE_WRITER, groupSizes::add)) {
			CompletableFuture<String> holder = CompletableFuture.supplyAsync(() -> grouped.run(() -> {
				writing.countDown();
				await().atMost(Duration.ofSeconds(10)).until(() -> grouped.queued() == 3);
				return "held";
			}), callers);
			writing.await();
			CompletableFuture<String> before = CompletableFuture.supplyAsync(() -> grouped.run(() -> host("good-1")),
					callers);
			await().atMost(Duration.ofSeconds(10)).until(() -> grouped.queued() == 1);
			CompletableFuture<String> duplicate = CompletableFuture.supplyAsync(() -> grouped.run(() -> host("taken")),
					callers);
			await().atMost(Duration.ofSeconds(10)).until(() -> grouped.queued() == 2);
			CompletableFuture<String> after = CompletableFuture.supplyAsync(() -> grouped.run(() -> host("good-2")),
					callers);

			assertThat(holder.get()).isEqualTo("held");
			assertThat(before.get()).isEqualTo("good-1");
			assertThat(after.get()).isEqualTo("good-2");
			assertThatThrownBy(duplicate::join).hasCauseInstanceOf(DuplicateKeyException.class);
		}
		finally {
			callers.shutdownNow();
		}
		assertThat(groupSizes).as("the group of three failed once, then ran unit by unit").containsExactly(1, 3);
		assertThat(jdbc.sql("SELECT host_id FROM provisioner_host WHERE host_id LIKE 'good-%' ORDER BY host_id")
			.query(String.class)
			.list()).containsExactly("good-1", "good-2");
	}

	private static String host(String id) {
		jdbc.sql("INSERT INTO provisioner_host (host_id, started_at, seen_at) VALUES (:id, now(), now())")
			.param("id", id)
			.update();
		return id;
	}

	private static TransactionTemplate transactions() {
		return new TransactionTemplate(new DataSourceTransactionManager(database));
	}

}
