package dev.dbaas.pipeline.tail;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import dev.dbaas.pipeline.events.OrderStatus;
import dev.dbaas.pipeline.events.OrderType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TailOptionsTest {

	static final Instant NOW = Instant.parse("2026-11-25T16:00:00Z");

	@Test
	void withoutArgumentsFollowsNewEventsOfTheStatusTopicOnTheLocalBroker() {
		TailOptions options = TailOptions.parse(List.of(), NOW);

		assertThat(options.bootstrapServers()).isEqualTo("localhost:9092");
		assertThat(options.topic()).isEqualTo("dbaas.order.status.v1");
		assertThat(options.from()).isEqualTo(new StartPosition.End());
		assertThat(options.follow()).isTrue();
		assertThat(options.filter()).isEqualTo(EventFilter.everything());
		assertThat(options.format()).isEqualTo(OutputFormat.JSON);
		assertThat(options.kafka().securityProtocol()).isEqualTo("PLAINTEXT");
	}

	@Test
	void readsEveryOptionWithEqualsOrAsTheNextArgument() {
		TailOptions options = TailOptions
			.parse(List.of("--bootstrap-servers=kafka-1:9092,kafka-2:9092", "--topic", "my.status", "--from=beginning",
					"--no-follow", "--status", "failed", "--customer=c-1001", "--order", "o-1"), NOW);

		assertThat(options).isEqualTo(new TailOptions(KafkaClientSettings.plaintext("kafka-1:9092,kafka-2:9092"),
				"my.status", new StartPosition.Beginning(), false,
				new EventFilter(Set.of(OrderStatus.FAILED), "c-1001", "o-1"), OutputFormat.JSON));
	}

	@Test
	void collectsStatusesFromCommaSeparatedAndRepeatedOptions() {
		TailOptions options = TailOptions.parse(List.of("--status=FAILED,done", "--status", "PROCESSING"), NOW);

		assertThat(options.filter().statuses()).containsExactlyInAnyOrder(OrderStatus.FAILED, OrderStatus.DONE,
				OrderStatus.PROCESSING);
	}

	@Test
	void collectsOrderTypesFromCommaSeparatedAndRepeatedOptions() {
		TailOptions options = TailOptions.parse(List.of("--type=update,DELETE", "--type", "UPDATE"), NOW);

		assertThat(options.filter().types()).containsExactlyInAnyOrder(OrderType.UPDATE, OrderType.DELETE);
		assertThat(options.filter().statuses()).isEmpty();
	}

	@Test
	void printsTextForAHumanOnRequest() {
		assertThat(TailOptions.parse(List.of("--format=text"), NOW).format()).isEqualTo(OutputFormat.TEXT);
		assertThat(TailOptions.parse(List.of("--format", "JSON"), NOW).format()).isEqualTo(OutputFormat.JSON);
	}

	@Test
	void takesTheSecureOverridesClientSettings() {
		TailOptions options = TailOptions.parse(List.of("--bootstrap-servers=kafka:9092",
				"--security-protocol=SASL_PLAINTEXT", "--sasl-username=ops", "--sasl-password=s3cret"), NOW);

		assertThat(options.kafka().clientProperties()).containsEntry("security.protocol", "SASL_PLAINTEXT")
			.containsEntry("sasl.mechanism", "SCRAM-SHA-512")
			.containsEntry("bootstrap.servers", "kafka:9092");
		assertThat(options.toString()).doesNotContain("s3cret");
	}

	@ParameterizedTest(name = "--from={0}")
	@CsvSource({ "beginning, ", "BEGINNING, ", "end, ", "2026-11-25T15:00:00Z, 2026-11-25T15:00:00Z",
			"2026-11-25T17:00:00+02:00, 2026-11-25T15:00:00Z", "-30s, 2026-11-25T15:59:30Z",
			"-15m, 2026-11-25T15:45:00Z", "-2h, 2026-11-25T14:00:00Z", "-7d, 2026-11-18T16:00:00Z" })
	void startsFromTheBeginningTheEndAGivenTimeOrATimeAgo(String from, String expectedTime) {
		StartPosition position = TailOptions.parse(List.of("--from=" + from), NOW).from();

		if (expectedTime == null) {
			assertThat(position)
				.isInstanceOf(from.equalsIgnoreCase("end") ? StartPosition.End.class : StartPosition.Beginning.class);
		}
		else {
			assertThat(position).isEqualTo(new StartPosition.At(Instant.parse(expectedTime)));
		}
	}

	@Test
	void explicitFollowIsTheDefault() {
		assertThat(TailOptions.parse(List.of("--follow"), NOW).follow()).isTrue();
		assertThat(TailOptions.parse(List.of("--no-follow"), NOW).follow()).isFalse();
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', value = { "--satus=FAILED | unknown option --satus",
			"--status=FAILD | --status: unknown status 'FAILD'; one of UNKNOWN, NEW, PROCESSING, DONE, FAILED, CANCELLED",
			"--type=CHANGE | --type: unknown order type 'CHANGE'; one of UNKNOWN, CREATE, UPDATE, DELETE",
			"--type=UPDATE, | --type: unknown order type ''",
			"--format=yaml | --format must be json or text; got 'yaml'",
			"--security-protocol=TLS | --security-protocol: unknown protocol 'TLS'",
			"--status=FAILED,,DONE | --status: unknown status ''", "--status | --status needs a value",
			"--customer= | --customer needs a value", "--customer --no-follow | --customer needs a value",
			"--from=yesterday | --from must be beginning, end, an ISO-8601 time",
			"--from=2026-11-25 | --from must be beginning, end, an ISO-8601 time",
			"--from=15m | --from must be beginning, end, an ISO-8601 time", "--follow=yes | --follow takes no value",
			"--follow --no-follow | --follow and --no-follow contradict each other",
			"--order=a --order=b | --order is given more than once",
			"FAILED | unexpected argument 'FAILED'; options start with --",
			"-s | unexpected argument '-s'; options start with --", "-- | unexpected argument '--'" })
	void rejectsBadArgumentsWithAMessageThatNamesTheOption(String commandLine, String message) {
		assertThatExceptionOfType(BadArguments.class)
			.isThrownBy(() -> TailOptions.parse(List.of(commandLine.split(" ")), NOW))
			.withMessageStartingWith(message);
	}

	@Test
	void recognisesAskingForHelpAnywhere() {
		assertThat(TailOptions.wantsHelp(List.of("--status=FAILED", "--help"))).isTrue();
		assertThat(TailOptions.wantsHelp(List.of("-h"))).isTrue();
		assertThat(TailOptions.wantsHelp(List.of("--status=FAILED"))).isFalse();
	}

}
