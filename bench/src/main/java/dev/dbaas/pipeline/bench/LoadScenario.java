package dev.dbaas.pipeline.bench;

/**
 * A scenario that drives orders through the pipeline. {@link #run} starts it the way
 * every load scenario starts (the JVM warmed up once per run and, against an attached
 * launcher, its JIT settled before each scenario, see {@link WarmStart}), then
 * {@link #measure}s; the scenario itself settles the backlog before each of its phases.
 *
 * <p>
 * Not thread-safe; scenarios run one after the other.
 */
abstract class LoadScenario {

	/** What the scenarios of the run share. */
	final ScenarioContext context;

	/** The warm-up and the settling of earlier phases' orders. */
	final WarmStart start;

	LoadScenario(ScenarioContext context, WarmStart start) {
		this.context = context;
		this.start = start;
	}

	/**
	 * Warms up (once per run; the JIT before each scenario), then measures.
	 * @param load the load to drive
	 */
	final void run(OrderLoad load) throws InterruptedException {
		this.start.warmUp(load);
		measure(load, this.context.report());
	}

	/**
	 * Whether the stack runs in the bench's JVM: then the process's CPU is the stack's
	 * too, and {@link ClientCost} means nothing.
	 * @return {@code true} for the bench's own stack
	 */
	final boolean stackInThisJvm() {
		return this.context.meter().stackInThisJvm();
	}

	/**
	 * Runs the scenario's phases and reports their figures.
	 * @param load the load to drive, warmed up
	 * @param report where the figures go
	 */
	abstract void measure(OrderLoad load, Report report) throws InterruptedException;

}
