package dev.dbaas.pipeline.provisioner.simulation;

import java.time.Duration;
import java.util.Map;

import dev.dbaas.pipeline.provisioner.provisioning.ProvisioningStep;
import dev.dbaas.pipeline.provisioner.provisioning.Region;
import dev.dbaas.pipeline.provisioner.simulation.SimulationProperties.StepKnobs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SimulationPropertiesTest {

	@Test
	void letsAStepOverrideTheGlobalKnobs() {
		SimulationProperties knobs = new SimulationProperties(42, Duration.ofMillis(500), 0.1, 0.2,
				Map.of("install-engine", new StepKnobs(Duration.ofSeconds(3), 1.0, null, 2)), Map.of());

		assertThat(knobs.latencyOf(ProvisioningStep.INSTALL_ENGINE)).isEqualTo(Duration.ofSeconds(3));
		assertThat(knobs.latencyOf(ProvisioningStep.HEALTH_CHECK)).isEqualTo(Duration.ofMillis(500));
		assertThat(knobs.failureProbabilityOf(ProvisioningStep.INSTALL_ENGINE)).isEqualTo(1.0);
		assertThat(knobs.transientErrorProbabilityOf(ProvisioningStep.INSTALL_ENGINE)).isEqualTo(0.2);
		assertThat(knobs.transientErrorsBeforeSuccessOf(ProvisioningStep.INSTALL_ENGINE)).isEqualTo(2);
		assertThat(knobs.transientErrorsBeforeSuccessOf(ProvisioningStep.ALLOCATE_NODE)).isZero();
	}

	@Test
	void boundsOnlyTheRegionsItLists() {
		SimulationProperties knobs = new SimulationProperties(42, Duration.ZERO, 0, 0, Map.of(),
				Map.of("de-west-1", 3));

		assertThat(knobs.capacityOf(new Region("DE-WEST-1"))).hasValue(3);
		assertThat(knobs.capacityOf(new Region("US-EAST-1"))).isEmpty();
	}

	@ParameterizedTest(name = "failure={0} transient={1}: {2}")
	@CsvSource({ "-0.1, 0, negative failure probability", "1.5, 0, failure probability above 1",
			"0, 2, transient probability above 1", "NaN, 0, not a number" })
	void rejectsProbabilitiesOutsideZeroToOne(double failure, double transientError, String reason) {
		assertThatIllegalArgumentException().as(reason)
			.isThrownBy(() -> new SimulationProperties(42, Duration.ZERO, failure, transientError, Map.of(), Map.of()));
	}

	@Test
	void rejectsKnobsForAStepThatDoesNotExist() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SimulationProperties(42, Duration.ZERO, 0, 0,
					Map.of("install-kernel", new StepKnobs(null, null, null, 0)), Map.of()))
			.withMessageContaining("install-kernel");
	}

}
