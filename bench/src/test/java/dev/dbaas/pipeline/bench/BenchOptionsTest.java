package dev.dbaas.pipeline.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BenchOptionsTest {

	@Test
	void startsItsOwnStackWhenNoUrlIsGiven() {
		BenchOptions options = BenchOptions.parse(List.of());
		assertThat(options.startStack()).isTrue();
		assertThat(options.quick()).isFalse();
		assertThat(options.scenarios()).containsExactlyInAnyOrderElementsOf(BenchOptions.ALL_SCENARIOS);
		assertThat(options.rates()).containsExactly(100, 500, 1000);
		assertThat(options.phase()).isEqualTo(Duration.ofSeconds(30));
		assertThat(options.soak()).isEqualTo(Duration.ofMinutes(10));
		assertThat(options.soakRate()).isEqualTo(300);
		assertThat(options.output()).isEqualTo(Path.of("target", "bench-results.json"));
	}

	@Test
	void quickModeShortensPhasesAndSoak() {
		BenchOptions options = BenchOptions.parse(List.of("--quick"));
		assertThat(options.phase()).isEqualTo(Duration.ofSeconds(5));
		assertThat(options.soak()).isEqualTo(Duration.ofSeconds(20));
	}

	@Test
	void drivesARunningStackWhenUrlsAreGiven() {
		BenchOptions options = BenchOptions.parse(List.of("--intake-url=http://intake:8081/",
				"--status-url=https://status.example", "--bootstrap-servers=kafka:9092",
				"--jdbc-url=jdbc:postgresql://db:5432/postgres", "--scenarios=e2e-fixed-rate,soak", "--rates=50,200",
				"--phase=90s", "--soak=1h", "--soak-rate=250", "--output=/tmp/out.json"));
		assertThat(options.startStack()).isFalse();
		assertThat(options.intakeUrl()).isEqualTo("http://intake:8081");
		assertThat(options.statusUrl()).isEqualTo("https://status.example");
		assertThat(options.bootstrapServers()).isEqualTo("kafka:9092");
		assertThat(options.runs("soak")).isTrue();
		assertThat(options.runs("baselines")).isFalse();
		assertThat(options.rates()).containsExactly(50, 200);
		assertThat(options.phase()).isEqualTo(Duration.ofSeconds(90));
		assertThat(options.soak()).isEqualTo(Duration.ofHours(1));
		assertThat(options.soakRate()).isEqualTo(250);
		assertThat(options.output()).isEqualTo(Path.of("/tmp/out.json"));
	}

	@Test
	void theCapacitySearchOverloadAndSoakShareHaveDefaultsAndOptions() {
		BenchOptions defaults = BenchOptions.parse(List.of());
		assertThat(defaults.capacity()).isEqualTo(new BenchOptions.Capacity(100, 4000, Duration.ofSeconds(20), 0));
		assertThat(defaults.overload()).isEqualTo(Duration.ofSeconds(60));
		assertThat(defaults.soakRateGiven()).isFalse();
		assertThat(BenchOptions.parse(List.of("--quick")).overload()).isEqualTo(Duration.ofSeconds(15));
		BenchOptions given = BenchOptions.parse(List.of("--scenarios=capacity,overload", "--capacity-start=50",
				"--capacity-max=800", "--capacity-step=10s", "--capacity=400", "--overload=2m", "--soak-rate=120"));
		assertThat(given.capacity()).isEqualTo(new BenchOptions.Capacity(50, 800, Duration.ofSeconds(10), 400));
		assertThat(given.overload()).isEqualTo(Duration.ofMinutes(2));
		assertThat(given.soakRateGiven()).isTrue();
		assertThat(given.runs("capacity")).isTrue();
		assertThat(given.runs("overload")).isTrue();
	}

	@Test
	void partOfAStackGivenTakesTheDefaultsForTheRest() {
		BenchOptions options = BenchOptions.parse(List.of("--intake-url=http://other:9000"));
		assertThat(options.startStack()).isFalse();
		assertThat(options.statusUrl()).isEqualTo("http://localhost:8083");
		assertThat(options.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/postgres");
	}

	@ParameterizedTest(name = "{0}: {1}")
	@CsvSource(delimiter = '|', textBlock = """
			quick                               | Expected --option
			--phase=10                          | must be a duration
			--phase=0s                          | longer than zero
			--soak-rate=-5                      | must be positive
			--rates=100,fast                    | whole number
			--scenarios=e2e,soak                | Unknown scenario 'e2e'
			--intake-url=localhost:8081         | http(s) URL
			--jdbc-url=jdbc:mysql://db/x        | jdbc:postgresql:
			--bootstrap-servers                 | needs a value
			--quick=yes                         | true/false
			--colour=blue                       | Unknown option --colour
			--capacity=0                        | must be positive
			--capacity-start=5000               | must not be above --capacity-max
			--overload=soon                     | must be a duration
			--follow=websocket                  | --follow must be long-poll or sample
			--follow-sample=10                  | --follow-sample needs --follow=sample
			--stack-pid=0                       | must be positive
			--stack-pid=4324                    | give its URLs too
			--jit-settle-timeout=soon           | --jit-settle-timeout must be a duration
			--jit-settle-timeout=-1m            | --jit-settle-timeout must be a duration
			--jit-settle-timeout                | needs a value
			""")
	void rejectsWrongArgumentsWithAMessageForTheUser(String argument, String message) {
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse(List.of(argument)))
			.withMessageContaining(message);
	}

	@Test
	void refusesToStartAStackAndDriveAnotherOne() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BenchOptions.parse(List.of("--start-stack", "--intake-url=http://x:1")))
			.withMessageContaining("leave out the URLs");
	}

	@Test
	void followsEveryOrderWithLongPollsUnlessToldToSample() {
		BenchOptions options = BenchOptions.parse(List.of("--intake-url=http://localhost:8081"));

		assertThat(options.follow().sampled()).isFalse();
		assertThat(options.follow().sampleEvery()).isEqualTo(1);
		assertThat(options.follow().describe()).startsWith("long-poll");
		assertThat(options.stackPid()).isZero();
	}

	@Test
	void theSampleModeLongPollsEveryTenthOrderByDefaultOrEveryNth() {
		BenchOptions tenth = BenchOptions.parse(List.of("--follow=sample"));
		BenchOptions fifth = BenchOptions.parse(List.of("--follow=sample", "--follow-sample=5"));

		assertThat(tenth.follow().sampled()).isTrue();
		assertThat(tenth.follow().sampleEvery()).isEqualTo(10);
		assertThat(fifth.follow().sampleEvery()).isEqualTo(5);
		assertThat(fifth.follow().describe()).contains("1 in 5").contains("dbaas.order.status.v1");
	}

	@Test
	void waitsAtMostFiveMinutesForTheJitToSettleOneInQuickModeAndNotAtAllWithZero() {
		assertThat(BenchOptions.parse(List.of()).jitSettleTimeout()).isEqualTo(Duration.ofMinutes(5));
		assertThat(BenchOptions.parse(List.of("--quick")).jitSettleTimeout()).isEqualTo(Duration.ofMinutes(1));
		assertThat(BenchOptions.parse(List.of("--jit-settle-timeout=90s")).jitSettleTimeout())
			.isEqualTo(Duration.ofSeconds(90));
		assertThat(BenchOptions.parse(List.of("--jit-settle-timeout=0")).jitSettleTimeout()).isZero();
		assertThat(BenchOptions.parse(List.of("--quick", "--jit-settle-timeout=0s")).jitSettleTimeout()).isZero();
		assertThat(BenchOptions.parse(List.of("--jit-settle-timeout=2m"))
			.withStack("http://a:1", "http://b:2", "http://c:3", "k:1", "jdbc:postgresql://d/e")
			.jitSettleTimeout()).isEqualTo(Duration.ofMinutes(2));
		assertThat(BenchOptions.USAGE).contains("--jit-settle-timeout=5m");
	}

	@Test
	void takesThePidOfTheLaunchersJvmWithItsUrls() {
		BenchOptions options = BenchOptions.parse(List.of("--intake-url=http://localhost:8081", "--stack-pid=4324"));

		assertThat(options.stackPid()).isEqualTo(4324);
		assertThat(
				options.withStack("http://a:1", "http://b:2", "http://c:3", "k:1", "jdbc:postgresql://d/e").stackPid())
			.isEqualTo(4324);
	}

}
