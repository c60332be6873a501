package dev.dbaas.pipeline.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the bench's own process spent on a phase: its CPU per HTTP request and per DONE
 * order and the share of the machine's cores it took, so that a run can tell whether the
 * load generator, not the stack, bounded it. Meaningful only against a stack in another
 * process: with the stack in the bench's JVM, the process CPU is the stack's too and the
 * cost table's bench row is the figure.
 *
 * @param cpuNanos process CPU time of the bench over the phase
 * @param requests HTTP requests the load generator sent over the phase
 * @param wallNanos the phase's length
 * @param cores the machine's cores
 * @param threadsStarted threads the bench's JVM started over the phase (an async HTTP
 * answer must not cost a thread, see {@link Bench#main})
 */
record ClientCost(long cpuNanos, long requests, long wallNanos, int cores, long threadsStarted) {

	/** Above this share of the machine, the load generator may bound the measurement. */
	static final double BOUNDING_SHARE = 0.25;

	/**
	 * Starts measuring.
	 * @param load the load generator
	 * @return the start, to {@link Start#end} after the phase
	 */
	static Start start(OrderLoad load) {
		return new Start(Machine.processCpuNanos(), load.requests(), System.nanoTime(), Machine.threadsStarted());
	}

	double microsPerRequest() {
		return (this.requests > 0) ? this.cpuNanos / 1e3 / this.requests : Double.NaN;
	}

	double millisPerOrder(long doneOrders) {
		return (doneOrders > 0) ? this.cpuNanos / 1e6 / doneOrders : Double.NaN;
	}

	/**
	 * The bench's share of the machine.
	 * @return CPU time over wall time over cores, 0 to 1
	 */
	double shareOfMachine() {
		return (this.wallNanos > 0) ? (double) this.cpuNanos / this.wallNanos / this.cores : Double.NaN;
	}

	/**
	 * Adds the figures to the report, the share with its limit.
	 * @param report where they go
	 * @param scenario the scenario
	 * @param doneOrders orders DONE in the phase
	 */
	void report(Report report, String scenario, long doneOrders) {
		report.figure(scenario, "bench CPU per HTTP request", microsPerRequest(), "µs");
		report.figure(scenario, "bench CPU per DONE order", millisPerOrder(doneOrders), "ms");
		report.compared(scenario, "threads the bench started", this.threadsStarted, "", "HTTP requests", this.requests);
		report.add(new Report.Figure(scenario, "bench CPU, share of the machine", 100 * shareOfMachine(), "%", "cores",
				this.cores, "< " + Math.round(100 * BOUNDING_SHARE) + " % (not what bounds the run)",
				shareOfMachine() < BOUNDING_SHARE));
	}

	Map<String, Object> toJson(long doneOrders) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("cpuMs", Report.round(this.cpuNanos / 1e6));
		json.put("httpRequests", this.requests);
		json.put("cpuMicrosPerRequest", Report.round(microsPerRequest()));
		json.put("cpuMsPerDoneOrder", Report.round(millisPerOrder(doneOrders)));
		json.put("shareOfMachinePercent", Report.round(100 * shareOfMachine()));
		json.put("threadsStarted", this.threadsStarted);
		return json;
	}

	/**
	 * The counters at the start of a phase.
	 *
	 * @param cpuNanos the process's CPU time
	 * @param requests requests sent so far
	 * @param nanos {@link System#nanoTime()}
	 * @param threads threads started so far
	 */
	record Start(long cpuNanos, long requests, long nanos, long threads) {

		ClientCost end(OrderLoad load) {
			return new ClientCost(Machine.processCpuNanos() - this.cpuNanos, load.requests() - this.requests,
					System.nanoTime() - this.nanos, Machine.cores(), Machine.threadsStarted() - this.threads);
		}

	}

}
