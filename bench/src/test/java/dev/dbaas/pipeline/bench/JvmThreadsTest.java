package dev.dbaas.pipeline.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JvmThreadsTest {

	@Test
	void readsTheCompileQueueOfThisJvmThroughItsDiagnosticCommandMBean() {
		try (JvmThreads threads = JvmThreads.thisJvm()) {
			CompileQueue queue = threads.compileQueue();

			// this build's tests run with -XX:TieredStopAtLevel=1: C1 only, no C2 queue
			assertThat(queue.compiling()).isNotNegative();
			assertThat(queue.c1()).isNotNegative();
		}
	}

}
