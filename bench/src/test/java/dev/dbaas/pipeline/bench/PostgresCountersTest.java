package dev.dbaas.pipeline.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PostgresCountersTest {

	@Test
	void readsTheWalCountersOfPostgres17FromPgStatWal() {
		assertThat(PostgresCounters.walQuery(170006)).contains("wal_write, wal_sync FROM pg_stat_wal");
		assertThat(PostgresCounters.walSource(170006)).startsWith("pg_stat_wal");
	}

	@Test
	void readsTheWalCountersOfPostgres18FromPgStatIo() {
		assertThat(PostgresCounters.walQuery(180001)).contains("sum(writes)", "sum(fsyncs)", "pg_stat_io",
				"object = 'wal'");
		assertThat(PostgresCounters.walSource(180000)).startsWith("pg_stat_io");
	}

}
