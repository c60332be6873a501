package dev.dbaas.pipeline.bench;

import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReportTest {

	@Test
	void printsEachFigureBesideItsBaselineAndTheRatio() {
		Report report = new Report();
		report.add(new Report.Figure("intake-max", "accepted orders/s", 900, "/s", "order+outbox 1 conn", 1200,
				">= 1,000/s", false));
		report.figure("baseline", "Kafka producer", 14089.4, "/s");
		assertThat(report.table()).contains(
				"| intake-max | accepted orders/s | 900 /s | order+outbox 1 conn 1,200 | 0.75 | >= 1,000/s | **no** |")
			.contains("| baseline | Kafka producer | 14,089 /s |  |  |  |  |");
	}

	@Test
	void summarizesMicrosecondHistogramsInMilliseconds() {
		Histogram micros = new Histogram(3);
		for (int i = 1; i <= 100; i++) {
			micros.recordValue(i * 1000L);
		}
		LatencySummary summary = LatencySummary.ofMicros(micros);
		assertThat(summary.count()).isEqualTo(100);
		assertThat(summary.p50()).isCloseTo(50, org.assertj.core.data.Offset.offset(0.1));
		assertThat(summary.p95()).isCloseTo(95, org.assertj.core.data.Offset.offset(0.1));
		assertThat(summary.p99()).isCloseTo(99, org.assertj.core.data.Offset.offset(0.1));
		assertThat(summary.max()).isCloseTo(100, org.assertj.core.data.Offset.offset(0.1));
		assertThat(LatencySummary.ofMicros(new Histogram(3))).isEqualTo(LatencySummary.EMPTY);
	}

	@Test
	void printsLatenciesAsATableOfPercentiles() {
		Report report = new Report();
		report.latency("e2e 500/s", "202 -> DONE", new LatencySummary(2500, 12.34, 40, 99.96, 250.4));
		assertThat(report.table()).contains("| e2e 500/s | 202 -> DONE | 2500 | 12.3 | 40.0 | 100.0 | 250 |");
	}

	@Test
	void formatsNumbersForReading() {
		assertThat(Report.number(1234567.8)).isEqualTo("1,234,568");
		assertThat(Report.number(12.345)).isEqualTo("12.35");
		assertThat(Report.number(Double.NaN)).isEqualTo("n/a");
	}

	@Test
	void writesTheReportAsJson() {
		Report report = new Report();
		report.describeRun("date", "2026-11-25T16:00:00Z");
		report.add(new Report.Figure("view-rebuild", "rebuild", 25000, "events/s", "raw batched upsert", 50000,
				">= 20,000/s", true));
		report.detail("notes", List.of("a \"quoted\"\nline", Map.of("n", 1.5)));
		String json = Json.write(report.toJson());
		assertThat(json).contains("\"date\": \"2026-11-25T16:00:00Z\"")
			.contains("\"ratio\": 0.5")
			.contains("\"met\": true")
			.contains("\"value\": 25000,")
			.contains("\"a \\\"quoted\\\"\\nline\"")
			.contains("\"n\": 1.5");
	}

	@Test
	void writesEmptyCollectionsAndMissingNumbersAsValidJson() {
		assertThat(Json.write(Map.of())).isEqualTo("{}\n");
		assertThat(Json.write(List.of())).isEqualTo("[]\n");
		assertThat(Json.write(Double.NaN)).isEqualTo("null\n");
	}

	@Test
	void pointsAJdbcUrlAtAnotherDatabaseOfTheSameServer() {
		assertThat(PostgresBaselines.databaseUrl("jdbc:postgresql://localhost:5432/postgres", "bench_baseline"))
			.isEqualTo("jdbc:postgresql://localhost:5432/bench_baseline");
		assertThat(PostgresBaselines.databaseUrl("jdbc:postgresql://db:5432/intake?sslmode=require", "b"))
			.isEqualTo("jdbc:postgresql://db:5432/b?sslmode=require");
		assertThat(PostgresBaselines.databaseUrl("jdbc:postgresql://db:5432", "b"))
			.isEqualTo("jdbc:postgresql://db:5432/b");
	}

	@Test
	void printsTheCostPerDoneOrderBesideTheBaselineAndTheGoal() {
		Report report = new Report();
		report.costBaseline("commits", 1.0);
		PostgresCounters.Reading before = new PostgresCounters.Reading(170006,
				java.util.Map.of("intake", 0L, "provisioner", 0L, "status", 0L), java.util.Map.of(), 0, 0, 0);
		PostgresCounters.Reading after = new PostgresCounters.Reading(170006,
				java.util.Map.of("intake", 100L, "provisioner", 1_400L, "status", 300L), java.util.Map.of(), 0, 200, 0);
		report.cost("e2e 100/s",
				OrderCost.between(new CostSample(0, 0, before, null, -1, Double.NaN, null),
						new CostSample(2_000_000_000L, 100, after, null, -1, Double.NaN, null), 100, null),
				new CostMeter.Backlog(0, 0, 0, 0));

		String table = report.table();

		assertThat(table).contains("| cost per DONE order | baseline: order+outbox txn, 1 conn | goal | e2e 100/s |")
			.contains("| DONE orders in the window | | | 100 |")
			.contains("| backlog gone at the end of the window | | | yes |")
			.contains("| backlog gone at the end of the window | | | yes |")
			.contains("| PostgreSQL commits, three service databases | 1.00 | <= 3.00 | 18.00 **no** |")
			.contains("| · commits, database provisioner |  |  | 14.00 |")
			.contains("| WAL syncs (flushes to disk), whole server |  | <= 3.00 | 2.00 |")
			.contains("| JVM CPU ms, three services + broker |  | <= 3.00 | not measured |")
			.contains(
					"| JIT compile time in the window, ms per s (elapsed, summed over the compiler threads) | | | not measured |")
			.contains("| CPU ms, GC and VM threads |  |  | not measured |");
		assertThat(report.toJson()).containsKey("costPerDoneOrder");
	}

	@Test
	void saysForEachCostWindowHowMuchTheStacksJitCompiledInIt() {
		Report report = new Report();
		report.cost("capacity 50/s", OrderCost.between(new CostSample(0, 0, null, null, -1, 1.0, null, 0, null, 9_000),
				new CostSample(20_000_000_000L, 1_000, null, null, -1, 21.0, null, 8_000, null, 9_250), 1_000, null),
				new CostMeter.Backlog(0, 0, 0, 0));

		assertThat(report.table()).contains(
				"| JIT compile time in the window, ms per s (elapsed, summed over the compiler threads) | | | 12.50 |\n");
	}

	@Test
	void printsTheHttpFloorsAsBaselineRowsOfTheCostTable() {
		Report report = new Report();
		report.cost("e2e 30/s",
				OrderCost.between(new CostSample(0, 0, null, null, -1, 1.0, null, 0),
						new CostSample(1, 10, null, null, -1, 1.5, null, 80), 10, null),
				new CostMeter.Backlog(0, 0, 0, 0));
		report.costFloor("stack CPU per authenticated GET /v1/catalog", 0.8);

		String table = report.table();

		assertThat(table).contains("| baseline: stack CPU per authenticated GET /v1/catalog | 0.80 | | |\n")
			.contains("| HTTP requests to the stack (the bench's POSTs and GETs) |  |  | 8.00 |")
			.contains("| CPU ms, the whole JVM of the stack |  |  | 50.00 |");
		assertThat(report.toJson()).containsKey("costBaselineStackCpuMsPerHttpRequest");
	}

	@Test
	void saysInEveryTableHowOrdersWereFollowedAndMarksSampledLatencies() {
		Report report = new Report();
		report.follow(new BenchOptions.Follow(BenchOptions.Follow.SAMPLE, 10));
		LatencySummary sampled = new LatencySummary(60, 120, 200, 240, 260);
		report.latency("e2e 30/s", report.followed("end to end (intended send -> DONE)", sampled, 600), sampled);
		report.figure("e2e 30/s", "orders DONE/s", 30, "/s");
		report.cost("e2e 30/s",
				OrderCost.between(new CostSample(0, 0, null, null, -1, 1.0, null, 0),
						new CostSample(1, 10, null, null, -1, 1.5, null, 80), 10, null),
				new CostMeter.Backlog(0, 0, 0, 0));

		String table = report.table();

		assertThat(table.split("Orders followed: sample: 1 in 10 orders long-polled", -1)).hasSize(4);
		assertThat(table).contains("end to end (intended send -> DONE) [sampled 1 in 10: n = 60 of 600 DONE]")
			.contains("| orders followed (--follow) | | | sample, 1 in 10 |");
		assertThat(report.toJson()).extractingByKey("run").asString().contains("sample: 1 in 10");
	}

	@Test
	void longPolledLatenciesKeepTheirNames() {
		Report report = new Report();
		LatencySummary all = new LatencySummary(600, 120, 200, 240, 260);

		assertThat(report.followed("202 -> DONE", all, 600)).isEqualTo("202 -> DONE");
	}

}
