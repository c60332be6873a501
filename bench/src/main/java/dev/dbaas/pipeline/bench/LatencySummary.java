package dev.dbaas.pipeline.bench;

import java.util.LinkedHashMap;
import java.util.Map;

import org.HdrHistogram.Histogram;

/**
 * Percentiles of one latency histogram, in milliseconds.
 *
 * @param count number of samples
 * @param p50 median
 * @param p95 95th percentile
 * @param p99 99th percentile
 * @param max largest sample
 */
public record LatencySummary(long count, double p50, double p95, double p99, double max) {

	/** No samples. */
	public static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0);

	/**
	 * Summarizes a histogram of microseconds.
	 * @param micros samples in microseconds
	 * @return the summary in milliseconds
	 */
	public static LatencySummary ofMicros(Histogram micros) {
		if (micros.getTotalCount() == 0) {
			return EMPTY;
		}
		return new LatencySummary(micros.getTotalCount(), micros.getValueAtPercentile(50) / 1000.0,
				micros.getValueAtPercentile(95) / 1000.0, micros.getValueAtPercentile(99) / 1000.0,
				micros.getMaxValue() / 1000.0);
	}

	/**
	 * The summary as a JSON object.
	 * @return count and percentiles in milliseconds
	 */
	public Map<String, Object> toJson() {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("count", this.count);
		json.put("p50Ms", Report.round(this.p50));
		json.put("p95Ms", Report.round(this.p95));
		json.put("p99Ms", Report.round(this.p99));
		json.put("maxMs", Report.round(this.max));
		return json;
	}

}
