package dev.dbaas.pipeline.provisioner.provisioning.workers;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.dbaas.pipeline.contract.tracing.MdcKeys;
import dev.dbaas.pipeline.provisioner.provisioning.DatabaseOrder;
import dev.dbaas.pipeline.provisioner.provisioning.EngineType;
import dev.dbaas.pipeline.provisioner.provisioning.Failure;
import dev.dbaas.pipeline.provisioner.provisioning.JobState;
import dev.dbaas.pipeline.provisioner.provisioning.Lease;
import dev.dbaas.pipeline.provisioner.provisioning.OrderType;
import dev.dbaas.pipeline.provisioner.provisioning.ProvisioningJob;
import dev.dbaas.pipeline.provisioner.provisioning.ProvisioningObserver;
import dev.dbaas.pipeline.provisioner.provisioning.ProvisioningStep;
import dev.dbaas.pipeline.provisioner.provisioning.StepOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Records provisioning metrics:
 * <ul>
 * <li>{@code provisioning_step_duration_seconds{type,step,outcome}} histogram of backend
 * calls, outcome {@code completed|transient_error|rejected};</li>
 * <li>{@code provisioning_duration_seconds{type,outcome}} histogram from acceptance to
 * DONE or FAILED;</li>
 * <li>{@code provisioning_orders_finished_total{type,outcome}}: terminal orders by order
 * type ({@code CREATE|UPDATE|DELETE}) and outcome ({@code done|failed|cancelled}), every
 * series from 0;</li>
 * <li>{@code provisioning_failures_total{code}};</li>
 * <li>{@code provisioning_releases_total{outcome}}: releases of cancelled creates;</li>
 * <li>{@code provisioning_leases_lost_total}.</li>
 * </ul>
 */
public class MicrometerProvisioningObserver implements ProvisioningObserver {

	private static final Logger log = LoggerFactory.getLogger(MicrometerProvisioningObserver.class);

	private static final Duration[] BUCKETS = { Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
			Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
			Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2),
			Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(30) };

	private final MeterRegistry meters;

	/** Step timers by type, step and outcome: looked up on every step of every order. */
	private final Map<String, Timer> stepTimers = new ConcurrentHashMap<>();

	public MicrometerProvisioningObserver(MeterRegistry meters) {
		this.meters = meters;
		// Every type and outcome starts at 0, so that the first failure of a type is an
		// increase() that the FAILED-ratio alert sees, not the birth of a series.
		for (EngineType type : EngineType.values()) {
			for (JobState state : JobState.values()) {
				if (state.isTerminal()) {
					durationTimer(type.name(), state);
				}
			}
		}
		for (OrderType type : OrderType.values()) {
			for (JobState state : JobState.values()) {
				if (state.isTerminal() && (state != JobState.CANCELLED || type == OrderType.CREATE)) {
					finishedCounter(type, state);
				}
			}
		}
	}

	@Override
	public void released(DatabaseOrder create, StepOutcome outcome, Duration took) {
		String result = outcomeOf(outcome);
		log.info("Released what cancelled order {} allocated: {} in {} ms", create.orderId(), result, took.toMillis());
		Counter.builder("provisioning.releases")
			.description("Releases of what cancelled creates allocated, by outcome")
			.tag("outcome", result)
			.register(this.meters)
			.increment();
	}

	@Override
	public void stepPerformed(DatabaseOrder order, ProvisioningStep step, StepOutcome outcome, Duration took) {
		String type = order.engine().type().name();
		String result = outcomeOf(outcome);
		this.stepTimers
			.computeIfAbsent(type + "/" + step + "/" + result,
					(key) -> Timer.builder("provisioning.step.duration")
						.description("Backend calls per provisioning step")
						.tag("type", type)
						.tag("step", step.name())
						.tag("outcome", result)
						.serviceLevelObjectives(BUCKETS)
						.register(this.meters))
			.record(took);
	}

	@Override
	public void provisioningFinished(ProvisioningJob job, Duration took) {
		durationTimer(job.order().engine().type().name(), job.state()).record(took);
		finishedCounter(job.order().type(), job.state()).increment();
		Failure failure = job.failure();
		try (MDC.MDCCloseable order = MDC.putCloseable(MdcKeys.ORDER_ID, job.orderId().value())) {
			log.info("Order {} ({} of instance {} version {}) {} after {} ms{}{}", job.orderId().value(),
					job.order().type(), job.order().instanceId(), job.order().instanceVersion(), job.state(),
					took.toMillis(), (failure != null) ? ": " + failure.code() : "",
					(job.instanceUsable() != null) ? ", instance usable: " + job.instanceUsable() : "");
		}
		if (failure != null) {
			Counter.builder("provisioning.failures")
				.description("Orders that failed, by stable failure code")
				.tag("code", failure.code().value())
				.register(this.meters)
				.increment();
		}
	}

	@Override
	public void leaseLost(Lease lease) {
		log.warn("Lease on order {} was taken over; this worker stopped driving it", lease.orderId());
		this.meters.counter("provisioning.leases.lost").increment();
	}

	private Counter finishedCounter(OrderType type, JobState state) {
		return Counter.builder("provisioning.orders.finished")
			.description("Orders that reached a terminal status, by order type and outcome")
			.tag("type", type.name())
			.tag("outcome", state.name().toLowerCase(Locale.ROOT))
			.register(this.meters);
	}

	private Timer durationTimer(String type, JobState state) {
		return Timer.builder("provisioning.duration")
			.description("Time from accepting an order to DONE or FAILED")
			.tag("type", type)
			.tag("outcome", state.name().toLowerCase(Locale.ROOT))
			.serviceLevelObjectives(BUCKETS)
			.register(this.meters);
	}

	private static String outcomeOf(StepOutcome outcome) {
		if (outcome instanceof StepOutcome.Completed) {
			return "completed";
		}
		return (outcome instanceof StepOutcome.TransientError) ? "transient_error" : "rejected";
	}

}
