package dev.dbaas.pipeline.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.flywaydb.core.Flyway;

/**
 * Raw PostgreSQL rates on the stack's own server, in a database of their own
 * ({@value #DATABASE}): single-row commits, order-plus-outbox transactions on one
 * connection (order-intake's schema, the statements of its benchmark), and batched
 * upserts (status-service's benchmark: {@code INSERT ... SELECT FROM unnest ... ON
 * CONFLICT DO UPDATE}, 1,000 rows per statement).
 */
final class PostgresBaselines {

	static final String DATABASE = "bench_baseline";

	private static final int BATCH = 1000;

	private final String adminUrl;

	private final String user;

	private final String password;

	PostgresBaselines(String adminUrl, String user, String password) {
		this.adminUrl = adminUrl;
		this.user = user;
		this.password = password;
	}

	/**
	 * Creates the baseline database afresh with order-intake's schema.
	 * @return the server's durability settings
	 */
	Map<String, Object> prepare() throws SQLException {
		Map<String, Object> settings = new LinkedHashMap<>();
		try (Connection admin = DriverManager.getConnection(this.adminUrl, this.user, this.password);
				Statement statement = admin.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
			statement.execute("CREATE DATABASE " + DATABASE);
			for (String setting : List.of("fsync", "synchronous_commit", "full_page_writes", "shared_buffers",
					"server_version")) {
				try (ResultSet rs = statement.executeQuery("SHOW " + setting)) {
					rs.next();
					settings.put(setting, rs.getString(1));
				}
			}
		}
		Flyway.configure()
			.dataSource(url(), this.user, this.password)
			.locations("classpath:db/migration/intake")
			.load()
			.migrate();
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE single_row (id bigserial PRIMARY KEY, payload text NOT NULL)");
		}
		return settings;
	}

	/** Removes the baseline database. */
	void drop() {
		try (Connection admin = DriverManager.getConnection(this.adminUrl, this.user, this.password);
				Statement statement = admin.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
		}
		catch (SQLException ex) {
			System.err.println("bench: could not drop " + DATABASE + ": " + ex.getMessage());
		}
	}

	/**
	 * One connection, autocommit, one narrow row per commit.
	 * @param duration how long
	 * @return commits per second
	 */
	double singleRowCommits(Duration duration) throws SQLException {
		try (Connection connection = connect();
				PreparedStatement insert = connection.prepareStatement("INSERT INTO single_row (payload) VALUES (?)")) {
			long started = System.nanoTime();
			long deadline = started + duration.toNanos();
			long count = 0;
			while (System.nanoTime() < deadline) {
				insert.setString(1, "row-" + count);
				insert.executeUpdate();
				count++;
			}
			return count / ((System.nanoTime() - started) / 1e9);
		}
	}

	/**
	 * One connection, one transaction per order: an order row and an outbox row, as
	 * order-intake writes them.
	 * @param duration how long
	 * @param payload the outbox payload (an encoded {@code OrderPlaced})
	 * @return transactions per second
	 */
	double orderPlusOutbox(Duration duration, byte[] payload) throws SQLException {
		return orderPlusOutboxTransactions(duration, payload).perSecond();
	}

	/**
	 * One connection, one transaction per order: an order row and an outbox row, as
	 * order-intake writes them.
	 * @param duration how long
	 * @param payload the outbox payload (an encoded {@code OrderPlaced})
	 * @return the transactions committed and their rate
	 */
	Transactions orderPlusOutboxTransactions(Duration duration, byte[] payload) throws SQLException {
		try (Connection connection = connect()) {
			connection.setAutoCommit(false);
			try (PreparedStatement order = connection.prepareStatement("""
					INSERT INTO orders (id, customer_id, status, database_type, database_version, node_size, storage_gb,
					                    trusted_sources, region, invoice_profile, accepted_documents, placed_at)
					VALUES (?, ?, 'NEW', 'MARIADB', '10.11', 'b2-4', 50, CAST(? AS text[]), 'DE-WEST-1',
					        CAST(? AS jsonb), CAST(? AS jsonb), ?)
					""");
					PreparedStatement outbox = connection.prepareStatement(
							"INSERT INTO outbox (event_id, topic, message_key, payload) VALUES (?, 'baseline', ?, ?)")) {
				long started = System.nanoTime();
				long deadline = started + duration.toNanos();
				long count = 0;
				while (System.nanoTime() < deadline) {
					UUID id = UUID.randomUUID();
					order.setObject(1, id);
					order.setString(2, "c-" + (count % 1000));
					order.setString(3, "{123.123.123.123/32,222.222.222.128/28}");
					order.setString(4, "{\"existingId\":\"inv-7781\"}");
					order.setString(5, "[{\"id\":\"terms-of-service\",\"version\":\"2025-01\"}]");
					order.setTimestamp(6, Timestamp.from(Instant.now()));
					order.executeUpdate();
					outbox.setObject(1, UUID.randomUUID());
					outbox.setString(2, id.toString());
					outbox.setBytes(3, payload);
					outbox.executeUpdate();
					connection.commit();
					count++;
				}
				return new Transactions(count, count / ((System.nanoTime() - started) / 1e9));
			}
		}
	}

	/**
	 * Batched upserts of one narrow row per event, {@value #BATCH} rows and one commit
	 * per statement, each of {@code keys} keys updated {@code updatesPerKey} times.
	 * @param keys distinct keys
	 * @param updatesPerKey events per key
	 * @param connections connections working at once
	 * @return rows per second
	 */
	double batchedUpsert(int keys, int updatesPerKey, int connections) throws Exception {
		String table = "raw_upsert_" + connections;
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			statement.execute("DROP TABLE IF EXISTS " + table);
			statement.execute("CREATE TABLE " + table + " (order_id text PRIMARY KEY, status text NOT NULL,"
					+ " sequence bigint NOT NULL, updated_at timestamptz NOT NULL)");
		}
		String sql = "INSERT INTO " + table + " (order_id, status, sequence, updated_at)"
				+ " SELECT * FROM unnest(?::text[], ?::text[], ?::int8[], ?::timestamptz[])"
				+ " ON CONFLICT (order_id) DO UPDATE SET status = excluded.status, sequence = excluded.sequence,"
				+ " updated_at = excluded.updated_at";
		List<String> ids = new ArrayList<>(keys);
		for (int i = 0; i < keys; i++) {
			ids.add(UUID.randomUUID().toString());
		}
		int batchesPerRound = (keys + BATCH - 1) / BATCH;
		int totalBatches = batchesPerRound * updatesPerKey;
		AtomicLong next = new AtomicLong();
		ExecutorService pool = Executors.newFixedThreadPool(connections, DaemonThreads.named("bench-upsert"));
		long started = System.nanoTime();
		try {
			List<Future<Long>> workers = new ArrayList<>();
			for (int t = 0; t < connections; t++) {
				workers.add(pool.submit(() -> {
					long rows = 0;
					try (Connection connection = connect();
							PreparedStatement upsert = connection.prepareStatement(sql)) {
						for (long b = next.getAndIncrement(); b < totalBatches; b = next.getAndIncrement()) {
							long round = b / batchesPerRound;
							int from = (int) (b % batchesPerRound) * BATCH;
							List<String> slice = ids.subList(from, Math.min(keys, from + BATCH));
							String now = Instant.now().toString();
							upsert.setArray(1, connection.createArrayOf("text", slice.toArray()));
							upsert.setArray(2, connection.createArrayOf("text",
									slice.stream().map((k) -> "PROCESSING").toArray()));
							upsert.setArray(3,
									connection.createArrayOf("int8", slice.stream().map((k) -> round).toArray()));
							upsert.setArray(4,
									connection.createArrayOf("text", slice.stream().map((k) -> now).toArray()));
							rows += upsert.executeUpdate();
						}
					}
					return rows;
				}));
			}
			long rows = 0;
			for (Future<Long> worker : workers) {
				rows += worker.get();
			}
			return rows / ((System.nanoTime() - started) / 1e9);
		}
		finally {
			pool.shutdownNow();
		}
	}

	/**
	 * Transactions of a baseline.
	 *
	 * @param count how many committed
	 * @param perSecond their rate
	 */
	record Transactions(long count, double perSecond) {

	}

	private Connection connect() throws SQLException {
		return DriverManager.getConnection(url(), this.user, this.password);
	}

	private String url() {
		return databaseUrl(this.adminUrl, DATABASE);
	}

	/**
	 * The JDBC URL of another database on the same server.
	 * @param url a PostgreSQL JDBC URL
	 * @param database the other database
	 * @return the URL with its database replaced, parameters kept
	 */
	static String databaseUrl(String url, String database) {
		int query = url.indexOf('?');
		String base = (query >= 0) ? url.substring(0, query) : url;
		String parameters = (query >= 0) ? url.substring(query) : "";
		int hostStart = base.indexOf("//");
		int slash = base.indexOf('/', (hostStart >= 0) ? hostStart + 2 : 0);
		String server = (slash >= 0) ? base.substring(0, slash) : base;
		return server + "/" + database + parameters;
	}

}
