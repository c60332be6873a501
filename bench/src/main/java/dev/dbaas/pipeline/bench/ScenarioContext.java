package dev.dbaas.pipeline.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * What every scenario of one bench run shares: the options, the report the figures go to,
 * the console, and the baseline figures measured so far, so that a later scenario can put
 * its figure next to the baseline it compares with.
 *
 * <p>
 * Thread-safe; scenarios run one after the other.
 *
 * @param options the command line
 * @param report where the figures go
 * @param out the console
 * @param baselines baseline figures by key ({@code singleRow}, {@code orderOutbox},
 * {@code upsert}, {@code kafkaProduce}, {@code kafkaConsume}, {@code kafkaE2eP99},
 * {@code kafkaE2eP50}), filled by {@link BaselineScenario}
 * @param payload the wire bytes of an {@code OrderPlaced}, the record of the baselines
 * @param costs the counters of the cost per order, or {@code null} before the stack is
 * known
 */
record ScenarioContext(BenchOptions options, Report report, PrintStream out, Map<String, Double> baselines,
		byte[] payload, @Nullable CostMeter costs) {

	/** Key of the capacity measured by {@link CapacityScenario} among the baselines. */
	static final String CAPACITY = "capacity";

	/**
	 * A context without baselines yet.
	 * @param options the command line
	 * @param out the console
	 * @return a fresh context with an empty report
	 */
	static ScenarioContext of(BenchOptions options, PrintStream out) {
		return new ScenarioContext(options, new Report(), out, new ConcurrentHashMap<>(),
				SampleOrders.orderPlacedBytes(), null);
	}

	/**
	 * The same context, sharing report and baselines, with the counters of the stack.
	 * @param meter the stack's counters
	 * @return the context the scenarios run with
	 */
	ScenarioContext withCosts(CostMeter meter) {
		return new ScenarioContext(this.options, this.report, this.out, this.baselines, this.payload, meter);
	}

	/**
	 * The counters of the cost per order.
	 * @return the meter
	 * @throws IllegalStateException before {@link #withCosts}
	 */
	CostMeter meter() {
		CostMeter meter = this.costs;
		if (meter == null) {
			throw new IllegalStateException("No cost meter yet");
		}
		return meter;
	}

	/**
	 * A baseline figure.
	 * @param key e.g. {@code orderOutbox}
	 * @return the figure, or {@code NaN} if the baselines did not run
	 */
	double baseline(String key) {
		return this.baselines.getOrDefault(key, Double.NaN);
	}

	/**
	 * The stack's sustained capacity: measured by the capacity scenario of this run, else
	 * given with {@code --capacity}.
	 * @return orders per second, or {@code 0} if neither
	 */
	int capacity() {
		double measured = baseline(CAPACITY);
		if (!Double.isNaN(measured) && measured > 0) {
			return (int) measured;
		}
		return this.options.capacity().given();
	}

	Duration quickOr(Duration quick, Duration full) {
		return this.options.quick() ? quick : full;
	}

	int quickOr(int quick, int full) {
		return this.options.quick() ? quick : full;
	}

}
