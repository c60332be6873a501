package dev.dbaas.pipeline.tail;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EventTailTest {

	final ByteArrayOutputStream out = new ByteArrayOutputStream();

	final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@Test
	void badArgumentsEndWithStatusTwoAndSayWhatIsWrong() {
		int status = run("--status=FAILD");

		assertThat(status).isEqualTo(2);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).startsWith("event-tail: --status: unknown status 'FAILD'")
			.contains("Try --help.");
		assertThat(this.out.toString(StandardCharsets.UTF_8)).isEmpty();
	}

	@Test
	void helpPrintsTheUsageToStandardError() {
		int status = run("--help");

		assertThat(status).isZero();
		assertThat(this.err.toString(StandardCharsets.UTF_8)).startsWith("Usage: java -jar event-tail.jar")
			.contains("--status=STATUS")
			.contains("default dbaas.order.status.v1");
		assertThat(this.out.toString(StandardCharsets.UTF_8)).isEmpty();
	}

	private int run(String... args) {
		return EventTail.run(List.of(args), new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8));
	}

}
