package dev.dbaas.pipeline.tail;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

	@Test
	void helpNamesTheNewFiltersTheSecureSettingsAndTheDeadLetterCommands() {
		run("--help");

		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("--type=TYPE")
			.contains("CANCELLED")
			.contains("--format=json|text")
			.contains("--sasl-username=USER")
			.contains("--command-config=FILE")
			.contains("dead-letters list|redrive");
	}

	@Test
	void deadLettersHelpListsBothCommands() {
		int status = run("dead-letters", "--help");

		assertThat(status).isZero();
		assertThat(this.err.toString(StandardCharsets.UTF_8))
			.startsWith("Usage: java -jar event-tail.jar dead-letters list [options]")
			.contains("--offsets=P:O")
			.contains("--all")
			.contains("--force")
			.contains("--dry-run");
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', value = { "dead-letters purge | dead-letters: unknown command 'purge'; list or redrive",
			"dead-letters redrive --topic=t.dlt | redrive needs --offsets=P:O[,...] or --all",
			"dead-letters redrive --topic=t.dlt --all --offsets=0:1 | --offsets and --all contradict each other",
			"dead-letters redrive --all | redrive needs exactly one --topic, the dead-letter topic",
			"dead-letters redrive --topic=a.dlt,b.dlt --all | redrive needs exactly one --topic, the dead-letter topic",
			"dead-letters redrive --topic=t.dlt --offsets=0-12 | --offsets: '0-12' is not PARTITION:OFFSET, e.g. 0:12",
			"dead-letters redrive --topic=t.dlt --offsets=0:12,x:1 | --offsets: 'x:1' is not PARTITION:OFFSET, e.g. 0:12",
			"dead-letters redrive --topic=t.dlt --offsets=0:-1 | --offsets: '0:-1' is not PARTITION:OFFSET, e.g. 0:12",
			"dead-letters redrive --topic=t.dlt --all --from=-1h | --from belongs to list, not redrive",
			"dead-letters list --all | --all belongs to redrive, not list",
			"dead-letters list --offsets=0:1 | --offsets needs exactly one --topic",
			"dead-letters list --topic=t.dlt --offsets=0:1 --from=beginning | --offsets and --from contradict each other",
			"dead-letters list --format=xml | --format must be json or text; got 'xml'",
			"dead-letters list --sasl-username=ops | --sasl-username needs --sasl-password" })
	void badDeadLetterArgumentsEndWithStatusTwoAndSayWhatIsWrong(String commandLine, String message) {
		int status = run(commandLine.split(" "));

		assertThat(status).isEqualTo(2);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).startsWith("event-tail: " + message + "\n")
			.contains("Try dead-letters --help.");
		assertThat(this.out.toString(StandardCharsets.UTF_8)).isEmpty();
	}

	@Test
	void aBadSecuritySettingNeverEchoesThePassword() {
		int status = run("--security-protocol=PLAINTEXT", "--sasl-username=ops", "--sasl-password=hunter2-secret");

		assertThat(status).isEqualTo(2);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("--sasl-username needs --security-protocol")
			.doesNotContain("hunter2");
	}

	private int run(String... args) {
		return EventTail.run(List.of(args), new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8));
	}

}
