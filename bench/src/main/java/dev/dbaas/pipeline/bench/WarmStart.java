package dev.dbaas.pipeline.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts each load scenario from the same state: the JVM warmed up once per run (a phase
 * of {@value #WARM_UP_RATE} orders/s), the stack's JIT settled, and the status view with
 * no order left in NEW or PROCESSING by the phase before.
 *
 * <p>
 * Against a launcher attached to ({@link CostMeter#attached()}), the JIT of its JVM is
 * waited for ({@link JitSettle}, at most {@code --jit-settle-timeout}) until its C2
 * compile queue, read once a second, stays nearly empty (at most
 * {@value JitSettle#SETTLED_C2_QUEUE} tasks in 90 % of a window's samples): before the
 * baselines without load ({@link #settleJitWithoutLoad}: they do not run the pipeline's
 * code, but a compiler thread working off the launcher's start takes a core from the
 * broker and PostgreSQL they measure), and before each load scenario after the warm-up
 * with bursts of the warm-up's load ({@link #warmUp}): the last burst, during which C2
 * had next to nothing queued, runs the code the scenario runs, so that the scenario's
 * windows run on a warm JIT. The JIT's compilation time is printed per burst but does not
 * decide (it sums elapsed time over the compiler threads: about 1000 ms per second on two
 * saturated cores, 50 to 150 ms per second idle with an empty queue), except where the
 * queue cannot be read. The scenario's own backlog wait ({@link #settle}) then waits for
 * the last burst's orders. With the stack in the bench's JVM the JIT is not waited for,
 * as before.
 *
 * <p>
 * Not thread-safe; scenarios run one after the other.
 */
final class WarmStart {

	/** Orders per second of the warm-up, and of the bursts that let the JIT settle. */
	static final int WARM_UP_RATE = 200;

	private final ScenarioContext context;

	private final List<Object> jitWaits = new ArrayList<>();

	private boolean warmedUp;

	private String notWaitedFor = "";

	WarmStart(ScenarioContext context) {
		this.context = context;
	}

	/**
	 * Runs the warm-up phase, the first time only; then, against an attached launcher,
	 * bursts of the same load until its JIT has settled.
	 * @param load the load to warm up with
	 */
	void warmUp(OrderLoad load) throws InterruptedException {
		if (!this.warmedUp) {
			load.fixedRate("warm-up", WARM_UP_RATE, this.context.quickOr(Duration.ofSeconds(3), Duration.ofSeconds(20)),
					true, Duration.ofSeconds(10), null, Duration.ofDays(1));
			this.warmedUp = true;
		}
		settleJit("jit warm-up", WARM_UP_RATE + " orders/s", (window) -> load.fixedRate("jit warm-up", WARM_UP_RATE,
				window, true, Duration.ofSeconds(10), null, Duration.ofDays(1)));
	}

	/**
	 * Against an attached launcher, waits without load until its JIT has settled (the
	 * compilations queued by its start are done: C2's queue is nearly empty).
	 */
	void settleJitWithoutLoad() throws InterruptedException {
		settleJit("jit, no load", "none", (window) -> TimeUnit.MILLISECONDS.sleep(window.toMillis()));
	}

	private void settleJit(String label, String load, JitSettle.Exercise exercise) throws InterruptedException {
		CostMeter meter = this.context.meter();
		JitSettle.Outcome outcome;
		if (!meter.attached()) {
			outcome = JitSettle.Outcome.notChecked("the stack's JVM is not a launcher attached to");
		}
		else {
			JitSettle jit = new JitSettle(meter::compileMillis,
					new CompileQueueSampler(meter::compileQueue, Duration.ofSeconds(1)), System::nanoTime,
					this.context.quickOr(Duration.ofSeconds(3), Duration.ofSeconds(10)),
					this.context.options().jitSettleTimeout(), this.context.out());
			outcome = jit.await(label, exercise);
		}
		if (!outcome.checked() && !outcome.how().equals(this.notWaitedFor)) {
			this.context.out().println("bench: JIT of the stack's JVM not waited for (" + outcome.how() + ")");
			this.notWaitedFor = outcome.how();
		}
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("load", load);
		json.putAll(outcome.toJson());
		this.jitWaits.add(json);
		this.context.report().detail("jitSettle", List.copyOf(this.jitWaits));
	}

	/**
	 * Waits until the previous phase's backlog is gone ({@link CostMeter.Backlog}: no
	 * order NEW or PROCESSING in the status view, no consumer lag on the pipeline topics,
	 * empty outboxes, no provisioning job in flight), so that a phase measures its own
	 * orders and not the backlog of the one before (an overloaded phase leaves orders
	 * behind when its drain time is up). Gives up after a while and reports what was
	 * left; prints how long it waited and the load average either way.
	 * @param load where to read the view
	 * @param next the phase about to start, for the console
	 * @return what was left when it stopped waiting
	 */
	CostMeter.Backlog settle(OrderLoad load, String next) throws InterruptedException {
		CostMeter meter = this.context.meter();
		long started = System.nanoTime();
		long deadline = started + this.context.quickOr(Duration.ofSeconds(30), Duration.ofMinutes(3)).toNanos();
		CostMeter.Backlog backlog = meter.backlog(load);
		while (!backlog.gone() && System.nanoTime() < deadline) {
			TimeUnit.SECONDS.sleep(1);
			backlog = meter.backlog(load);
		}
		this.context.out()
			.printf(Locale.ROOT, "[%s] %s after %.1f s (%s); load average %.2f, %d cores%n", next,
					backlog.gone() ? "backlog gone" : "gave up waiting for the backlog",
					(System.nanoTime() - started) / 1e9, backlog, Machine.loadAverage(), Machine.cores());
		return backlog;
	}

}
