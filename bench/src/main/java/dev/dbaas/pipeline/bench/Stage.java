package dev.dbaas.pipeline.bench;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The latency of one stage of an order (e.g. POST to 202) in microseconds, readable in
 * windows ({@link #interval()}) and in total ({@link #total()}).
 *
 * <p>
 * {@link #record} may be called from any thread at any time; reading is synchronized.
 */
final class Stage {

	private final Recorder recorder = new Recorder(3);

	private final Histogram total = new Histogram(3);

	/**
	 * Records one latency; values below a microsecond count as one.
	 * @param fromNanos start, from {@link System#nanoTime()}
	 * @param toNanos end, from {@link System#nanoTime()}
	 */
	void record(long fromNanos, long toNanos) {
		this.recorder.recordValue(Math.max(1, (toNanos - fromNanos) / 1000));
	}

	/**
	 * The latencies recorded since the last read, which then count towards the total.
	 * @return the window's summary
	 */
	synchronized LatencySummary interval() {
		Histogram interval = this.recorder.getIntervalHistogram();
		this.total.add(interval);
		return LatencySummary.ofMicros(interval);
	}

	/**
	 * Every latency recorded so far.
	 * @return the summary of the whole stage
	 */
	synchronized LatencySummary total() {
		interval();
		return LatencySummary.ofMicros(this.total);
	}

}
