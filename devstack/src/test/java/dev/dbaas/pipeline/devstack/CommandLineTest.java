package dev.dbaas.pipeline.devstack;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CommandLineTest {

	private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

	private final PrintStream out = new PrintStream(this.printed, true, StandardCharsets.UTF_8);

	@ParameterizedTest
	@ValueSource(strings = { "--help", "-h" })
	void helpPrintsTheUsageAndParsesNothing(String help) {
		Object parsed = CommandLine.parse(List.of("--rates=100", help), "Usage: x", (args) -> {
			throw new AssertionError("parsed despite " + help);
		}, this.out);
		assertThat(parsed).isNull();
		assertThat(this.printed.toString(StandardCharsets.UTF_8)).isEqualTo("Usage: x" + System.lineSeparator());
	}

	@Test
	void otherArgumentsGoToTheParser() {
		Integer parsed = CommandLine.parse(List.of("--a=1", "--b=2"), "Usage: x", List::size, this.out);
		assertThat(parsed).isEqualTo(2);
		assertThat(this.printed.size()).isZero();
	}

	@Test
	void aMistakeOfTheParserReachesTheCaller() {
		assertThatIllegalArgumentException().isThrownBy(() -> CommandLine.parse(List.of("--bogus"), "Usage: x",
				(args) -> DevStackOptions.parse(args), this.out));
	}

}
