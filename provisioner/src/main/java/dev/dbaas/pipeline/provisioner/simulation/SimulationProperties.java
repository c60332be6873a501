package dev.dbaas.pipeline.provisioner.simulation;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.TreeMap;

import dev.dbaas.pipeline.provisioner.provisioning.ProvisioningStep;
import dev.dbaas.pipeline.provisioner.provisioning.Region;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Knobs of the simulated backend ({@code provisioner.simulation.*}). Per-step settings
 * ({@code provisioner.simulation.steps.<step>.*}, step in kebab case such as
 * {@code install-engine}) override the global ones.
 *
 * @param seed seed of the random draws; a draw depends only on seed, order, step and
 * attempt, so a run is repeatable whatever the thread interleaving
 * @param stepLatency how long each step takes
 * @param failureProbability chance that a step fails for good
 * @param transientErrorProbability chance that an attempt of a step fails transiently
 * @param steps per-step overrides
 * @param regionCapacity instances each region can hold (e.g.
 * {@code region-capacity[DE-WEST-1]=500}); regions not listed are unbounded
 */
@ConfigurationProperties("provisioner.simulation")
public record SimulationProperties(long seed, Duration stepLatency, double failureProbability,
		double transientErrorProbability, Map<String, StepKnobs> steps, Map<String, Integer> regionCapacity) {

	public SimulationProperties(long seed, Duration stepLatency, double failureProbability,
			double transientErrorProbability, @Nullable Map<String, StepKnobs> steps,
			@Nullable Map<String, Integer> regionCapacity) {
		this.seed = seed;
		this.stepLatency = Objects.requireNonNull(stepLatency, "provisioner.simulation.step-latency");
		this.failureProbability = probability("failure-probability", failureProbability);
		this.transientErrorProbability = probability("transient-error-probability", transientErrorProbability);
		this.steps = stepsByName((steps != null) ? steps : Map.of());
		this.regionCapacity = capacities((regionCapacity != null) ? regionCapacity : Map.of());
	}

	/**
	 * The latency of a step.
	 * @param step the step
	 * @return its own latency, or the global one
	 */
	public Duration latencyOf(ProvisioningStep step) {
		StepKnobs knobs = knobsOf(step);
		return (knobs != null && knobs.latency() != null) ? knobs.latency() : this.stepLatency;
	}

	/**
	 * The chance that a step fails for good.
	 * @param step the step
	 * @return its own probability, or the global one
	 */
	public double failureProbabilityOf(ProvisioningStep step) {
		StepKnobs knobs = knobsOf(step);
		Double own = (knobs != null) ? knobs.failureProbability() : null;
		return (own != null) ? own : this.failureProbability;
	}

	/**
	 * The chance that an attempt of a step fails transiently.
	 * @param step the step
	 * @return its own probability, or the global one
	 */
	public double transientErrorProbabilityOf(ProvisioningStep step) {
		StepKnobs knobs = knobsOf(step);
		Double own = (knobs != null) ? knobs.transientErrorProbability() : null;
		return (own != null) ? own : this.transientErrorProbability;
	}

	/**
	 * How many first attempts of a step fail transiently before it succeeds.
	 * @param step the step
	 * @return 0 unless configured
	 */
	public int transientErrorsBeforeSuccessOf(ProvisioningStep step) {
		StepKnobs knobs = knobsOf(step);
		return (knobs != null) ? knobs.transientErrorsBeforeSuccess() : 0;
	}

	/**
	 * The capacity of a region.
	 * @param region the region
	 * @return instances it can hold, or empty if unbounded
	 */
	public OptionalInt capacityOf(Region region) {
		Integer capacity = this.regionCapacity.get(region.name());
		return (capacity != null) ? OptionalInt.of(capacity) : OptionalInt.empty();
	}

	private @Nullable StepKnobs knobsOf(ProvisioningStep step) {
		return this.steps.get(kebab(step));
	}

	private static String kebab(ProvisioningStep step) {
		return step.name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	private static Map<String, StepKnobs> stepsByName(Map<String, StepKnobs> steps) {
		Map<String, ProvisioningStep> known = new TreeMap<>();
		Map<ProvisioningStep, String> names = new EnumMap<>(ProvisioningStep.class);
		for (ProvisioningStep step : ProvisioningStep.values()) {
			known.put(kebab(step), step);
			names.put(step, kebab(step));
		}
		Map<String, StepKnobs> checked = new TreeMap<>();
		steps.forEach((name, knobs) -> {
			String key = name.toLowerCase(Locale.ROOT).replace('_', '-');
			if (!known.containsKey(key)) {
				throw new IllegalArgumentException(
						"provisioner.simulation.steps." + name + " is not a step; steps are " + names.values());
			}
			checked.put(key, knobs);
		});
		return Map.copyOf(checked);
	}

	private static Map<String, Integer> capacities(Map<String, Integer> capacities) {
		Map<String, Integer> checked = new TreeMap<>();
		capacities.forEach((region, capacity) -> {
			if (capacity == null || capacity < 0) {
				throw new IllegalArgumentException(
						"provisioner.simulation.region-capacity[" + region + "] must be 0 or more");
			}
			checked.put(region.toUpperCase(Locale.ROOT), capacity);
		});
		return Map.copyOf(checked);
	}

	static double probability(String name, double value) {
		if (!(value >= 0.0 && value <= 1.0)) {
			throw new IllegalArgumentException(
					"provisioner.simulation." + name + " must be between 0 and 1, got " + value);
		}
		return value;
	}

	/**
	 * Overrides for one step.
	 *
	 * @param latency how long the step takes, or {@code null} for the global latency
	 * @param failureProbability chance of a permanent failure, or {@code null} for the
	 * global one
	 * @param transientErrorProbability chance of a transient error per attempt, or
	 * {@code null} for the global one
	 * @param transientErrorsBeforeSuccess how many first attempts fail transiently
	 * (deterministic, e.g. for tests)
	 */
	public record StepKnobs(@Nullable Duration latency, @Nullable Double failureProbability,
			@Nullable Double transientErrorProbability, int transientErrorsBeforeSuccess) {

		public StepKnobs {
			if (failureProbability != null) {
				probability("steps.*.failure-probability", failureProbability);
			}
			if (transientErrorProbability != null) {
				probability("steps.*.transient-error-probability", transientErrorProbability);
			}
			if (transientErrorsBeforeSuccess < 0) {
				throw new IllegalArgumentException("transient-errors-before-success must not be negative");
			}
		}

	}

}
