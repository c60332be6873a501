package dev.dbaas.pipeline.bench;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SoakScenarioTest {

	@Test
	void aWindowCarriesItsFiguresAndTheP99ReadsBackFromIt() {
		LatencySummary endToEnd = new LatencySummary(10, 40, 90, 120.5, 200);
		LatencySummary post = new LatencySummary(10, 1, 2, 3, 4);
		Map<String, Object> json = SoakScenario.windowJson(3, new Phase.Window(endToEnd, post, 7, 10, 2),
				new CostMeter.Heap(120.5, "heap after the last GC, this JVM"));
		assertThat(json).containsEntry("window", 3)
			.containsEntry("finished", 10L)
			.containsEntry("inFlightAtEnd", 7L)
			.containsEntry("refused", 2L)
			.containsEntry("heapAfterGcMb", 120.5)
			.containsKeys("heapAfterGcMb", "loadAverage", "postTo202");
		assertThat(SoakScenario.p99(json)).isEqualTo(120.5);
	}

	@Test
	void soaksAtSixtyPercentOfTheCapacityUnlessARateIsGivenOrNoCapacityIsKnown() {
		assertThat(SoakScenario.rate(BenchOptions.parse(List.of()), 800)).isEqualTo(480);
		assertThat(SoakScenario.rate(BenchOptions.parse(List.of()), 0)).isEqualTo(300);
		assertThat(SoakScenario.rate(BenchOptions.parse(List.of("--soak-rate=50")), 800)).isEqualTo(50);
	}

	@Test
	void theStacksHeapIsItsLiveDataAfterGcWhereExposedElseTheUsedHeap() {
		String both = """
				jvm_gc_live_data_size_bytes 2.097152E8
				jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1.048576E8
				jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 3.145728E8
				jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 1.048576E9
				""";
		assertThat(CostMeter.Heap.of(both).megabytes()).isEqualTo(200);
		String noLiveData = both.replace("2.097152E8", "0.0");
		assertThat(CostMeter.Heap.of(noLiveData).megabytes()).as("eden plus old gen, no metaspace").isEqualTo(400);
		assertThat(CostMeter.Heap.of("other_metric 1.0\n").megabytes()).isNaN();
	}

}
