package dev.dbaas.pipeline.bench;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HttpFloorBaselinesTest {

	@Test
	void theFloorIsTheMedianOfItsRuns() {
		assertThat(HttpFloorBaselines.median(new double[] { 0.9, 0.7, 1.6 })).isEqualTo(0.9);
		assertThat(HttpFloorBaselines.median(new double[] { 0.8, 1.2 })).isEqualTo(1.0);
	}

	@Test
	void aRunNotMeasuredIsLeftOutAndNoneMeasuredIsNoFloor() {
		assertThat(HttpFloorBaselines.median(new double[] { Double.NaN, 1.0, 1.5 })).isEqualTo(1.25);
		assertThat(HttpFloorBaselines.median(new double[] { Double.NaN, Double.NaN })).isNaN();
		assertThat(HttpFloorBaselines.median(new double[0])).isNaN();
	}

	@Test
	void theFloorsStandBesideEveryCostTableAndTheBaselines() {
		assertThat(HttpFloorBaselines.wanted(BenchOptions.parse(List.of("--scenarios=e2e-fixed-rate")))).isTrue();
		assertThat(HttpFloorBaselines.wanted(BenchOptions.parse(List.of("--scenarios=baselines")))).isTrue();
		assertThat(HttpFloorBaselines.wanted(BenchOptions.parse(List.of("--scenarios=intake-max,view-rebuild"))))
			.isFalse();
	}

}
