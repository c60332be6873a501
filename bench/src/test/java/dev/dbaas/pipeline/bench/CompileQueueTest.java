package dev.dbaas.pipeline.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Parses the output of {@code Compiler.queue} as captured from OpenJDK 17.0.15's HotSpot
 * compiling javac in a loop ({@code compiler-queue-*.txt}; {@code -jcmd} ones as
 * {@code jcmd <pid> Compiler.queue} printed them, the other as the
 * {@code DiagnosticCommand} MBean returned it) and the sections other JVM flags print.
 */
class CompileQueueTest {

	@Test
	void countsTheTasksOfEachQueueAsTheDiagnosticCommandMBeanReturnsThem() throws IOException {
		CompileQueue queue = CompileQueue.parse(fixture("compiler-queue-mbean.txt"));

		assertThat(queue).isEqualTo(new CompileQueue(2, 11, 4));
		assertThat(queue.readsC2()).isTrue();
	}

	@Test
	void countsOsrAndFlaggedTasksAndSkipsTheProcessIdJcmdPrintsFirst() throws IOException {
		// the C2 queue holds tasks flagged "!" (has exception handlers) and "%" (on-stack
		// replacement, "@ 2")
		CompileQueue queue = CompileQueue.parse(fixture("compiler-queue-jcmd.txt"));

		assertThat(queue).isEqualTo(new CompileQueue(2, 4, 69));
	}

	@Test
	void readsEmptyQueuesAsNoTasks() throws IOException {
		CompileQueue queue = CompileQueue.parse(fixture("compiler-queue-jcmd-idle.txt"));

		assertThat(queue).isEqualTo(new CompileQueue(0, 0, 0));
		assertThat(queue.readsC2()).isTrue();
	}

	@Test
	void aJvmWithoutC2PrintsNoC2Queue() {
		// -XX:TieredStopAtLevel=1, as the tests of this build run
		CompileQueue queue = CompileQueue.parse("Current compiles: \n\nC1 compile queue:\nEmpty\n\n");

		assertThat(queue).isEqualTo(new CompileQueue(0, 0, -1));
		assertThat(queue.readsC2()).isFalse();
	}

	@Test
	void aJvmWithoutTieredCompilationPrintsOnlyTheC2Queue() {
		// -XX:-TieredCompilation
		CompileQueue queue = CompileQueue.parse("Current compiles: \n\nC2 compile queue:\n"
				+ "6026       4       java.util.HashMap::get (19 bytes)\n\n");

		assertThat(queue).isEqualTo(new CompileQueue(0, -1, 1));
	}

	@Test
	void graalsQueueCountsAsTheTopTier() {
		CompileQueue queue = CompileQueue.parse("Current compiles: \n\nC1 compile queue:\nEmpty\n\n"
				+ "JVMCI compile queue:\n12       4       java.lang.String::hashCode (60 bytes)\n\n");

		assertThat(queue).isEqualTo(new CompileQueue(0, 0, 1));
	}

	@Test
	void textWithoutAnySectionIsNotRead() {
		assertThat(CompileQueue.parse("Unknown diagnostic command\n")).isEqualTo(CompileQueue.NOT_READ);
		assertThat(CompileQueue.parse("")).isEqualTo(CompileQueue.NOT_READ);
		assertThat(CompileQueue.NOT_READ.readsC2()).isFalse();
	}

	@Test
	void refusesCountsBelowNotShown() {
		assertThatIllegalArgumentException().isThrownBy(() -> new CompileQueue(0, 0, -2));
	}

	private static String fixture(String name) throws IOException {
		try (InputStream in = CompileQueueTest.class.getResourceAsStream(name)) {
			assertThat(in).as(name).isNotNull();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
