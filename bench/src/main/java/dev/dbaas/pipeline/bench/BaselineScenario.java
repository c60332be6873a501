package dev.dbaas.pipeline.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The raw baselines: what the stack's PostgreSQL and Kafka do without the pipeline in
 * front of them (single-row commits, order plus outbox, batched upsert, produce, consume,
 * produce to consume at 500/s). {@link #run} records them in the
 * {@link ScenarioContext#baselines()} for the scenarios that follow; {@link #runAgain}
 * measures PostgreSQL once more at the end, to show how much the machine drifted.
 */
final class BaselineScenario {

	private final ScenarioContext context;

	BaselineScenario(ScenarioContext context) {
		this.context = context;
	}

	/**
	 * Measures every baseline.
	 * @param target the stack's Kafka and PostgreSQL
	 */
	void run(BenchOptions target) throws Exception {
		ScenarioContext ctx = this.context;
		Report report = ctx.report();
		byte[] payload = ctx.payload();
		PostgresBaselines postgres = new PostgresBaselines(target.jdbcUrl(), target.jdbcUser(), target.jdbcPassword());
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("postgresSettings", postgres.prepare());
		double singleRow = postgres.singleRowCommits(ctx.quickOr(Duration.ofSeconds(2), Duration.ofSeconds(10)));
		PostgresCounters.Reading countersBefore = ctx.meter().postgres();
		long cpuBefore = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
		PostgresBaselines.Transactions transactions = postgres
			.orderPlusOutboxTransactions(ctx.quickOr(Duration.ofSeconds(3), Duration.ofSeconds(15)), payload);
		long cpuNanos = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuBefore;
		TimeUnit.MILLISECONDS.sleep(CostMeter.STATISTICS_DELAY.toMillis());
		Map<String, Double> costBaseline = OrderCost.baselinePerTransaction(countersBefore, ctx.meter().postgres(),
				PostgresBaselines.DATABASE, transactions.count(), cpuNanos);
		costBaseline.forEach(report::costBaseline);
		details.put("orderPlusOutboxCostPerTransaction", costBaseline);
		double orderOutbox = transactions.perSecond();
		int keys = ctx.quickOr(20_000, 50_000);
		double upsert1 = postgres.batchedUpsert(keys, 4, 1);
		double upsert4 = postgres.batchedUpsert(keys, 4, 4);
		ctx.baselines().put("singleRow", singleRow);
		ctx.baselines().put("orderOutbox", orderOutbox);
		ctx.baselines().put("upsert", Math.max(upsert1, upsert4));
		details.put("singleRowCommitsPerSecond", Report.round(singleRow));
		details.put("orderPlusOutboxPerSecond", Report.round(orderOutbox));
		details.put("batchedUpsertRowsPerSecond1Connection", Report.round(upsert1));
		details.put("batchedUpsertRowsPerSecond4Connections", Report.round(upsert4));
		report.figure("baseline", "PostgreSQL single-row commits, 1 connection", singleRow, "/s");
		report.figure("baseline", "PostgreSQL order + outbox transactions, 1 connection", orderOutbox, "/s");
		report.figure("baseline", "PostgreSQL batched upsert, best of 1 and 4 connections", Math.max(upsert1, upsert4),
				"rows/s");

		try (KafkaBaselines kafka = new KafkaBaselines(target.bootstrapServers())) {
			int records = ctx.quickOr(50_000, 300_000);
			KafkaBaselines.Rate produced = kafka.produce(records, payload);
			double consumed = kafka.consume(records);
			KafkaBaselines.Rate endToEnd = kafka.endToEnd(500, ctx.options().phase(), payload);
			ctx.baselines().put("kafkaProduce", produced.perSecond());
			ctx.baselines().put("kafkaConsume", consumed);
			ctx.baselines().put("kafkaE2eP99", endToEnd.latency().p99());
			ctx.baselines().put("kafkaE2eP50", endToEnd.latency().p50());
			details.put("kafkaRecordBytes", payload.length);
			details.put("kafkaProducedPerSecond", Report.round(produced.perSecond()));
			details.put("kafkaSendToAck", produced.latency().toJson());
			details.put("kafkaConsumedPerSecond", Report.round(consumed));
			details.put("kafkaEndToEndAt500", endToEnd.latency().toJson());
			details.put("kafkaEndToEndMissing", endToEnd.failed());
			report.figure("baseline", "Kafka producer, acks=all, " + payload.length + " B records",
					produced.perSecond(), "/s");
			report.figure("baseline", "Kafka consumer, same records", consumed, "/s");
			report.latency("baseline", "Kafka produce -> consume at 500/s", endToEnd.latency());
			report.latency("baseline", "Kafka send -> ack, max rate", produced.latency());
		}
		report.detail("baselines", details);
		postgres.drop();
	}

	/**
	 * Measures the PostgreSQL baselines again, beside those of the start.
	 * @param target the stack's PostgreSQL
	 */
	void runAgain(BenchOptions target) throws Exception {
		ScenarioContext ctx = this.context;
		Report report = ctx.report();
		PostgresBaselines postgres = new PostgresBaselines(target.jdbcUrl(), target.jdbcUser(), target.jdbcPassword());
		postgres.prepare();
		double singleRow = postgres.singleRowCommits(ctx.quickOr(Duration.ofSeconds(2), Duration.ofSeconds(10)));
		double orderOutbox = postgres.orderPlusOutbox(ctx.quickOr(Duration.ofSeconds(3), Duration.ofSeconds(15)),
				ctx.payload());
		postgres.drop();
		report.figure("baseline (again, at the end)", "PostgreSQL single-row commits, 1 connection", singleRow, "/s");
		report.figure("baseline (again, at the end)", "PostgreSQL order + outbox transactions, 1 connection",
				orderOutbox, "/s");
		report.detail("baselinesAtEnd",
				Map.of("singleRowCommitsPerSecond", Report.round(singleRow), "orderPlusOutboxPerSecond",
						Report.round(orderOutbox), "orderPlusOutboxAtStartPerSecond",
						Report.round(ctx.baseline("orderOutbox"))));
	}

}
