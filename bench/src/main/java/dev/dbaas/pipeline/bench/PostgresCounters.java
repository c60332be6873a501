package dev.dbaas.pipeline.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads PostgreSQL's own cumulative counters on the stack's server: commits and rows
 * written per database ({@code pg_stat_database}), the WAL's writes and syncs, and the
 * next transaction id (how many transactions wrote anything). The WAL counters are in
 * {@code pg_stat_wal} ({@code wal_write}, {@code wal_sync}) up to PostgreSQL 17 and in
 * {@code pg_stat_io} ({@code writes}, {@code fsyncs} of object {@code wal}) from 18 on,
 * where {@code pg_stat_wal} no longer has them; the server's version decides.
 *
 * <p>
 * The server publishes a backend's counts when the backend goes idle, at most once a
 * second, so a reading lags the work by up to about a second. Each reading opens a
 * connection of its own to the database of the URL, so its own query counts there and not
 * in a service's database. While that connection is open, the reading also takes the
 * server's and the machine's CPU from {@code /proc} ({@link HostCpu}), where the server
 * runs on this machine. Thread-safe.
 */
final class PostgresCounters {

	/** PostgreSQL 18: the WAL's I/O counters moved from pg_stat_wal to pg_stat_io. */
	static final int WAL_IN_PG_STAT_IO = 180000;

	private final String url;

	private final String user;

	private final String password;

	private final Path proc;

	private volatile long ticksPerSecond;

	/**
	 * @param url any database on the server (the counters are server-wide)
	 * @param user a user allowed to read the statistics views
	 * @param password its password
	 */
	PostgresCounters(String url, String user, String password) {
		this(url, user, password, Path.of("/proc"));
	}

	/**
	 * @param url any database on the server (the counters are server-wide)
	 * @param user a user allowed to read the statistics views
	 * @param password its password
	 * @param proc where {@code /proc} is mounted, for the CPU of the server and the
	 * machine
	 */
	PostgresCounters(String url, String user, String password, Path proc) {
		this.url = url;
		this.user = user;
		this.password = password;
		this.proc = proc;
	}

	/**
	 * Reads every counter once.
	 * @return the counters now
	 * @throws SQLException if the server cannot be reached or a view cannot be read
	 */
	Reading read() throws SQLException {
		try (Connection connection = DriverManager.getConnection(this.url, this.user, this.password);
				Statement statement = connection.createStatement()) {
			int version = Integer.parseInt(single(statement, "SHOW server_version_num"));
			Map<String, Long> commits = new LinkedHashMap<>();
			Map<String, Long> rowsWritten = new LinkedHashMap<>();
			try (ResultSet rs = statement.executeQuery("SELECT datname, xact_commit,"
					+ " tup_inserted + tup_updated + tup_deleted FROM pg_stat_database WHERE datname IS NOT NULL")) {
				while (rs.next()) {
					commits.put(rs.getString(1), rs.getLong(2));
					rowsWritten.put(rs.getString(1), rs.getLong(3));
				}
			}
			String walQuery = walQuery(version);
			long walWrites;
			long walSyncs;
			try (ResultSet rs = statement.executeQuery(walQuery)) {
				rs.next();
				walWrites = rs.getLong(1);
				walSyncs = rs.getLong(2);
			}
			long nextXid = Long.parseLong(single(statement, "SELECT pg_snapshot_xmax(pg_current_snapshot())::text"));
			long backendPid = Long.parseLong(single(statement, "SELECT pg_backend_pid()"));
			return new Reading(version, commits, rowsWritten, walWrites, walSyncs, nextXid, hostCpu(backendPid));
		}
	}

	private HostCpu hostCpu(long backendPid) {
		if (!Files.isDirectory(this.proc)) {
			return HostCpu.NOT_READ;
		}
		long ticks = this.ticksPerSecond;
		if (ticks <= 0) {
			ticks = NativeThreads.ticksPerSecond();
			this.ticksPerSecond = ticks;
		}
		try {
			return HostCpu.read(this.proc, backendPid, ticks);
		}
		catch (RuntimeException ex) {
			return HostCpu.NOT_READ;
		}
	}

	/**
	 * The query of the WAL's write and sync counts for a server version.
	 * @param serverVersionNum {@code server_version_num}, e.g. {@code 170006}
	 * @return a query with two columns, writes and syncs
	 */
	static String walQuery(int serverVersionNum) {
		return (serverVersionNum >= WAL_IN_PG_STAT_IO)
				? "SELECT coalesce(sum(writes), 0), coalesce(sum(fsyncs), 0) FROM pg_stat_io WHERE object = 'wal'"
				: "SELECT wal_write, wal_sync FROM pg_stat_wal";
	}

	/**
	 * Where the WAL counters come from on a server version, for the report.
	 * @param serverVersionNum {@code server_version_num}
	 * @return the view and its columns
	 */
	static String walSource(int serverVersionNum) {
		return (serverVersionNum >= WAL_IN_PG_STAT_IO) ? "pg_stat_io (object wal: writes, fsyncs)"
				: "pg_stat_wal (wal_write, wal_sync)";
	}

	private static String single(Statement statement, String sql) throws SQLException {
		try (ResultSet rs = statement.executeQuery(sql)) {
			rs.next();
			return rs.getString(1);
		}
	}

	/**
	 * PostgreSQL's counters at one moment; all cumulative since the server started.
	 *
	 * @param serverVersionNum {@code server_version_num}
	 * @param commits {@code xact_commit} by database, read-only transactions included
	 * @param rowsWritten rows inserted, updated and deleted by database
	 * @param walWrites times the WAL was written to the kernel
	 * @param walSyncs times the WAL was flushed to disk (fsync or fdatasync)
	 * @param nextXid the next transaction id: a transaction gets one when it first writes
	 * @param host the CPU of the server's processes and of the machine
	 * ({@link HostCpu#NOT_READ} where the server is not on this machine)
	 */
	record Reading(int serverVersionNum, Map<String, Long> commits, Map<String, Long> rowsWritten, long walWrites,
			long walSyncs, long nextXid, HostCpu host) {

		Reading {
			commits = Map.copyOf(commits);
			rowsWritten = Map.copyOf(rowsWritten);
		}

		/**
		 * A reading without the CPU of the server and the machine.
		 * @param serverVersionNum {@code server_version_num}
		 * @param commits {@code xact_commit} by database
		 * @param rowsWritten rows written by database
		 * @param walWrites WAL writes
		 * @param walSyncs WAL syncs
		 * @param nextXid the next transaction id
		 */
		Reading(int serverVersionNum, Map<String, Long> commits, Map<String, Long> rowsWritten, long walWrites,
				long walSyncs, long nextXid) {
			this(serverVersionNum, commits, rowsWritten, walWrites, walSyncs, nextXid, HostCpu.NOT_READ);
		}

	}

}
