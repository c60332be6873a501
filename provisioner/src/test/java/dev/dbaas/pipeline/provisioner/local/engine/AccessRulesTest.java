package dev.dbaas.pipeline.provisioner.local.engine;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * How trusted sources become access rules: {@code pg_hba.conf} lines and MariaDB grant
 * hosts in the netmask form MariaDB matches.
 */
class AccessRulesTest {

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource({ "127.0.0.2/32, 127.0.0.2", "127.0.0.0/30, 127.0.0.0/255.255.255.252",
			"10.1.2.0/24, 10.1.2.0/255.255.255.0", "192.168.0.0/16, 192.168.0.0/255.255.0.0",
			"172.16.0.0/12, 172.16.0.0/255.240.0.0", "0.0.0.0/0, 0.0.0.0/0.0.0.0", "203.0.113.7, 203.0.113.7" })
	void mariadbGrantHostsUseTheNetmaskFormAndReadBackToTheSameNetwork(String cidr, String grantHost) {
		TrustedNetwork network = TrustedNetwork.parse(cidr);

		assertThat(MariaDbDriver.grantHost(network)).isEqualTo(grantHost);
		assertThat(MariaDbDriver.networkOf(grantHost)).isEqualTo(network);
	}

	@ParameterizedTest(name = "{0}: {1}")
	@CsvSource(delimiter = '|',
			value = { "10.0.0.1/24|has host bits set", "256.0.0.0/8|octet above 255",
					"10.0.0.0/33|prefix length must be 0 to 32", "2001:db8::/32|not an IPv4 CIDR",
					"10.0.0/24|not an IPv4 CIDR", "' '|not an IPv4 CIDR" })
	void rejectsWhatIsNoIpv4Network(String cidr, String reason) {
		assertThatIllegalArgumentException().isThrownBy(() -> TrustedNetwork.parse(cidr)).withMessageContaining(reason);
	}

	@ParameterizedTest(name = "{0} loopback={1}, client {2}")
	@CsvSource({ "127.0.0.2/32, true, 127.0.0.2", "127.0.0.0/24, true, 127.0.0.1", "127.0.0.0/8, true, 127.0.0.1",
			"126.0.0.0/7, false, 126.0.0.1", "10.0.0.0/31, false, 10.0.0.0" })
	void knowsWhichNetworksLieOnThisMachineAndWhichAddressToBind(String cidr, boolean loopback, String client) {
		TrustedNetwork network = TrustedNetwork.parse(cidr);

		assertThat(network.isLoopback()).isEqualTo(loopback);
		assertThat(network.firstHost()).isEqualTo(client);
	}

	@Test
	void pgHbaAllowsEachTrustedSourceOverTlsWithScramAndRejectsEverythingElse() {
		String hba = PostgresDriver
			.hba(List.of(TrustedNetwork.parse("127.0.0.2/32"), TrustedNetwork.parse("203.0.113.0/24")));

		assertThat(hba.lines().filter((line) -> !line.startsWith("#"))).containsExactly(
				"hostssl all all 127.0.0.2/32 scram-sha-256", "hostssl all all 203.0.113.0/24 scram-sha-256",
				"host all all 0.0.0.0/0 reject", "host all all ::/0 reject");
	}

	@Test
	void mariadbAccountsDropAnonymousAndRemoteRootAndKeepOneAdminPerTrustedHost() {
		String sql = MariaDbDriver.accounts(List.of("127.0.0.2", "10.0.0.0/255.255.255.0"), "*ABC");

		assertThat(sql.lines()).first()
			.asString()
			.contains("User = ''", "User = 'root' AND Host <> 'localhost'",
					"User = 'admin' AND Host NOT IN ('127.0.0.2', '10.0.0.0/255.255.255.0')");
		assertThat(sql.lines().filter((line) -> line.startsWith("CREATE USER"))).containsExactly(
				"CREATE USER IF NOT EXISTS 'admin'@'127.0.0.2' IDENTIFIED BY PASSWORD '*ABC' REQUIRE SSL;",
				"CREATE USER IF NOT EXISTS 'admin'@'10.0.0.0/255.255.255.0' IDENTIFIED BY PASSWORD '*ABC' REQUIRE SSL;");
	}

	@Test
	void secretsReachTheServersOnlyAsHashes() {
		assertThat(MariaDbDriver.nativePasswordHash("secret")).isEqualTo("*14E65567ABDB5135D0CFD9A70B3032C179A49EE7");
		String verifier = PostgresDriver.scramVerifier("secret", new byte[16], 4096);
		assertThat(verifier).startsWith("SCRAM-SHA-256$4096:AAAAAAAAAAAAAAAAAAAAAA==$").doesNotContain("secret");
		assertThat(PostgresDriver.scramVerifier("secret", new byte[16], 4096)).isEqualTo(verifier);
	}

}
