package dev.dbaas.pipeline.tail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class KafkaClientSettingsTest {

	static final String PASSWORD = "pa\"ss\\word-7f3a";

	@TempDir
	Path dir;

	@Test
	void isPlaintextToTheLocalBrokerWithoutOptions() {
		KafkaClientSettings settings = settings();

		assertThat(settings.bootstrapServers()).isEqualTo("localhost:9092");
		assertThat(settings.properties()).isEmpty();
		assertThat(settings.securityProtocol()).isEqualTo("PLAINTEXT");
	}

	@Test
	void logsInWithScramOverTlsAsTheSecureOverrideWants() throws IOException {
		Path truststore = Files.writeString(this.dir.resolve("truststore.p12"), "not read here");

		KafkaClientSettings settings = settings("--bootstrap-servers=kafka:9092", "--security-protocol=sasl_ssl",
				"--sasl-username=ops", "--sasl-password=" + PASSWORD, "--ssl-truststore-location=" + truststore,
				"--ssl-truststore-password=store-secret");

		assertThat(settings.clientProperties()).containsEntry("bootstrap.servers", "kafka:9092")
			.containsEntry("security.protocol", "SASL_SSL")
			.containsEntry("sasl.mechanism", "SCRAM-SHA-512")
			.containsEntry("sasl.jaas.config",
					"org.apache.kafka.common.security.scram.ScramLoginModule required username=\"ops\" password=\"pa\\\"ss\\\\word-7f3a\";")
			.containsEntry("ssl.truststore.location", truststore.toString())
			.containsEntry("ssl.truststore.password", "store-secret")
			.containsEntry("ssl.truststore.type", "PKCS12");
		assertThat(settings.saslUsername()).isEqualTo("ops");
	}

	@Test
	void aUsernameAloneMeansSaslOverTls() {
		assertThat(settings("--sasl-username=ops", "--sasl-password=x").securityProtocol()).isEqualTo("SASL_SSL");
		assertThat(settings("--sasl-username=ops", "--sasl-password=x", "--sasl-mechanism=plain").properties())
			.containsEntry("sasl.mechanism", "PLAIN")
			.hasEntrySatisfying("sasl.jaas.config",
					(jaas) -> assertThat(jaas).startsWith("org.apache.kafka.common.security.plain.PlainLoginModule"));
	}

	@Test
	void readsACommandConfigAsKafkasToolsDoAndLetsOptionsWin() throws IOException {
		Path config = Files.writeString(this.dir.resolve("ops.properties"),
				"""
						bootstrap.servers=kafka-1:9092
						security.protocol=SASL_SSL
						sasl.mechanism=SCRAM-SHA-512
						sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="ops" password="from-file";
						ssl.truststore.location=/etc/kafka/secrets/truststore.p12
						ssl.truststore.password=store-secret
						""");

		KafkaClientSettings fromFile = settings("--command-config=" + config);
		KafkaClientSettings overridden = settings("--command-config", config.toString(),
				"--bootstrap-servers=kafka-2:9092", "--security-protocol=SASL_PLAINTEXT");

		assertThat(fromFile.bootstrapServers()).isEqualTo("kafka-1:9092");
		assertThat(fromFile.properties()).containsEntry("security.protocol", "SASL_SSL")
			.containsEntry("ssl.truststore.location", "/etc/kafka/secrets/truststore.p12")
			.doesNotContainKey("bootstrap.servers");
		assertThat(fromFile.saslUsername()).isEqualTo("ops");
		assertThat(overridden.bootstrapServers()).isEqualTo("kafka-2:9092");
		assertThat(overridden.securityProtocol()).isEqualTo("SASL_PLAINTEXT");
		assertThat(overridden.properties().get("sasl.jaas.config")).contains("from-file");
	}

	@Test
	void neverShowsASecretInItsText() throws IOException {
		Path config = Files.writeString(this.dir.resolve("ops.properties"),
				"ssl.keystore.password=key-secret\nsecurity.protocol=SASL_SSL\n");
		Path truststore = Files.writeString(this.dir.resolve("truststore.p12"), "x");

		String text = settings("--command-config=" + config, "--sasl-username=ops", "--sasl-password=" + PASSWORD,
				"--ssl-truststore-location=" + truststore, "--ssl-truststore-password=store-secret")
			.toString();

		assertThat(text).doesNotContain("7f3a")
			.doesNotContain("store-secret")
			.doesNotContain("key-secret")
			.contains("sasl.jaas.config=[hidden]")
			.contains("ssl.truststore.password=[hidden]")
			.contains("security.protocol=SASL_SSL");
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', value = {
			"--security-protocol=SASL_TLS | --security-protocol: unknown protocol 'SASL_TLS'; one of PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL",
			"--sasl-username=ops | --sasl-username needs --sasl-password",
			"--sasl-password=secret | --sasl-password needs --sasl-username",
			"--sasl-mechanism=PLAIN | --sasl-mechanism needs --sasl-username and --sasl-password",
			"--sasl-username=ops --sasl-password=x --sasl-mechanism=GSSAPI | --sasl-mechanism: unknown mechanism 'GSSAPI'; one of PLAIN, SCRAM-SHA-256, SCRAM-SHA-512",
			"--security-protocol=PLAINTEXT --sasl-username=ops --sasl-password=x | --sasl-username needs --security-protocol SASL_SSL or SASL_PLAINTEXT, not PLAINTEXT",
			"--security-protocol=SASL_SSL | --security-protocol=SASL_SSL needs --sasl-username and --sasl-password, or sasl.jaas.config in --command-config",
			"--ssl-truststore-location=/no/such/truststore.p12 --security-protocol=SSL | --ssl-truststore-location: no readable file /no/such/truststore.p12",
			"--ssl-truststore-password=x --security-protocol=SSL | --ssl-truststore-password needs --ssl-truststore-location",
			"--ssl-truststore-password=x | --ssl-truststore-password needs --security-protocol SASL_SSL or SSL, not PLAINTEXT",
			"--command-config=/no/such/ops.properties | --command-config: no readable file /no/such/ops.properties",
			"--sasl-password=a --sasl-password=b | --sasl-password is given more than once" })
	void rejectsBadSettingsWithAMessageThatNamesTheOption(String commandLine, String message) {
		assertThatExceptionOfType(BadArguments.class).isThrownBy(() -> settings(commandLine.split(" ")))
			.withMessage(message);
	}

	@Test
	void aRejectionNeverRepeatsThePassword() {
		assertThatExceptionOfType(BadArguments.class).isThrownBy(
				() -> settings("--security-protocol=PLAINTEXT", "--sasl-username=ops", "--sasl-password=" + PASSWORD))
			.withMessageNotContaining("7f3a");
	}

	@Test
	void takesPkcs12AndJksTruststoresOnly() throws IOException {
		Path truststore = Files.writeString(this.dir.resolve("truststore.jks"), "x");

		assertThat(settings("--security-protocol=SSL", "--ssl-truststore-location=" + truststore,
				"--ssl-truststore-type=jks")
			.properties()).containsEntry("ssl.truststore.type", "JKS");
		assertThatExceptionOfType(BadArguments.class)
			.isThrownBy(() -> settings("--security-protocol=SSL", "--ssl-truststore-location=" + truststore,
					"--ssl-truststore-type=PEM"))
			.withMessage("--ssl-truststore-type: unknown type 'PEM'; one of PKCS12, JKS");
	}

	private static KafkaClientSettings settings(String... args) {
		List<String> all = new ArrayList<>(List.of(args));
		return KafkaClientSettings.from(CommandLine.parse(all, KafkaClientSettings.OPTIONS, Set.of(), Set.of()));
	}

}
