package dev.dbaas.pipeline.intake.order;

import java.util.stream.Stream;

import dev.dbaas.pipeline.intake.catalog.Catalogs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our strict check around the ipaddress library: every hostile input next to the reason
 * it is rejected.
 */
class TrustedSourceParserTest {

	private final TrustedSourceParser parser = new TrustedSourceParser(Catalogs.defaultCatalog().trustedSources());

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource({ "123.123.123.123, 123.123.123.123/32", "123.123.123.123/32, 123.123.123.123/32",
			"222.222.222.128/28, 222.222.222.128/28", "81.2.3.0/24, 81.2.3.0/24", "8.8.8.8/31, 8.8.8.8/31",
			"1.1.1.1, 1.1.1.1/32", "223.255.255.0/24, 223.255.255.0/24", "100.63.255.255, 100.63.255.255/32",
			"100.128.0.0/24, 100.128.0.0/24", "172.32.0.0/24, 172.32.0.0/24", "192.0.1.0/24, 192.0.1.0/24" })
	void acceptsPublicIpv4InCanonicalForm(String input, String canonical) {
		TrustedSourceParser.Outcome outcome = this.parser.parse(input);

		assertThat(outcome).isInstanceOf(TrustedSourceParser.Outcome.Valid.class);
		assertThat(((TrustedSourceParser.Outcome.Valid) outcome).source().cidr()).isEqualTo(canonical);
	}

	static Stream<Arguments> hostileInputs() {
		return Stream.of(
				// host bits
				Arguments.of("222.222.222.130/28", "did you mean 222.222.222.128/28?"),
				Arguments.of("81.2.3.4/24", "did you mean 81.2.3.0/24?"),
				// leading zeros, octal and other spellings
				Arguments.of("010.1.1.1", "the octet '010' with a leading zero; write 10"),
				Arguments.of("8.8.8.08", "the octet '08' with a leading zero; write 8"),
				Arguments.of("8.8.8.0/024", "prefix length '024' with a leading zero"),
				Arguments.of("0x8.8.8.8", "is not an IPv4 address"),
				Arguments.of("134744072", "is not an IPv4 address"), Arguments.of("8.8.2056", "is not an IPv4 address"),
				Arguments.of("8.8.8", "is not an IPv4 address"), Arguments.of("8.8.8.8.8", "is not an IPv4 address"),
				Arguments.of("8.8.8.8/24/32", "is not an IPv4 address"),
				Arguments.of("8.8.8.*", "is not an IPv4 address"),
				Arguments.of("8.8.8.0-255", "is not an IPv4 address"),
				Arguments.of("8.8.8.8/255.255.255.0", "is not an IPv4 address"),
				Arguments.of("8.8.8.256", "the octet 256, outside 0 to 255"),
				Arguments.of("8.8.8.1234", "the octet 1234, outside 0 to 255"),
				Arguments.of("8.8.8.8/", "no prefix length"),
				// non-ASCII and whitespace
				Arguments.of("٨.٨.٨.٨", "non-ASCII digit U+0668"), Arguments.of("８.8.8.8", "non-ASCII digit U+FF18"),
				Arguments.of("8.8.8.8 ", "contains whitespace"), Arguments.of(" 8.8.8.8", "contains whitespace"),
				Arguments.of("8.8.8.8\u00a0", "contains whitespace"), Arguments.of("8.8.8.8\u0000", "U+0000"),
				Arguments.of("8.8.8.8\u200b", "U+200B"), Arguments.of("", "the entry is empty"),
				Arguments.of("localhost", "is not an IPv4 address"),
				// prefix
				Arguments.of("0.0.0.0/0", "would trust every address"),
				Arguments.of("8.8.8.8/0", "would trust every address"),
				Arguments.of("8.0.0.0/8", "a /8 network, wider than allowed; use prefixes from /24 to /32"),
				Arguments.of("8.8.0.0/23", "a /23 network, wider than allowed"),
				Arguments.of("8.8.8.8/33", "prefix length /33; IPv4 prefixes go from /0 to /32"),
				Arguments.of("8.8.8.8/999", "prefix length /999"),
				// IPv6
				Arguments.of("2001:db8::1", "is an IPv6 address; only IPv4"), Arguments.of("::", "is an IPv6 address"),
				Arguments.of("::/0", "is an IPv6 address"),
				Arguments.of("::ffff:8.8.8.8", "IPv4-mapped IPv6 address; write the IPv4 address 8.8.8.8 instead"),
				Arguments.of("::ffff:808:808", "IPv4-mapped IPv6 address; write the IPv4 address 8.8.8.8"),
				Arguments.of("[::1]", "IPv6"),
				// IANA special-purpose ranges
				Arguments.of("0.1.2.3", "0.0.0.0/8, reserved for \"this network\""),
				Arguments.of("10.0.0.1", "10.0.0.0/8, reserved for private use"),
				Arguments.of("172.16.5.0/24", "172.16.0.0/12, reserved for private use"),
				Arguments.of("172.31.255.255", "172.16.0.0/12"),
				Arguments.of("192.168.1.0/24", "192.168.0.0/16, reserved for private use"),
				Arguments.of("127.0.0.1", "127.0.0.0/8, reserved for loopback"),
				Arguments.of("169.254.169.254", "169.254.0.0/16, reserved for link-local"),
				Arguments.of("100.64.0.1", "100.64.0.0/10, reserved for shared address space for carrier-grade NAT"),
				Arguments.of("100.127.255.0/24", "carrier-grade NAT"),
				Arguments.of("192.0.0.8", "192.0.0.0/24, reserved for IETF protocol assignments"),
				Arguments.of("192.0.2.0/24", "documentation, TEST-NET-1"),
				Arguments.of("198.51.100.7", "documentation, TEST-NET-2"),
				Arguments.of("203.0.113.0/28", "documentation, TEST-NET-3"), Arguments.of("198.18.0.1", "benchmarking"),
				Arguments.of("198.19.255.0/24", "benchmarking"), Arguments.of("192.88.99.1", "6to4 relay anycast"),
				Arguments.of("192.31.196.1", "AS112"), Arguments.of("192.175.48.1", "AS112"),
				Arguments.of("192.52.193.1", "multicast tunneling"),
				Arguments.of("224.0.0.1", "224.0.0.0/4, reserved for multicast"),
				Arguments.of("239.255.255.250", "multicast"),
				Arguments.of("240.0.0.1", "240.0.0.0/4, reserved for future use"),
				Arguments.of("255.255.255.255", "240.0.0.0/4"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("hostileInputs")
	void rejectsHostileInputWithASpecificMessage(String input, String reason) {
		TrustedSourceParser.Outcome outcome = this.parser.parse(input);

		assertThat(outcome).isInstanceOf(TrustedSourceParser.Outcome.Invalid.class);
		assertThat(((TrustedSourceParser.Outcome.Invalid) outcome).detail()).contains(reason);
	}

	@ParameterizedTest(name = "with loopback allowed, {0} is accepted as {1}")
	@CsvSource({ "127.0.0.1, 127.0.0.1/32", "127.0.0.2/32, 127.0.0.2/32", "127.10.20.0/24, 127.10.20.0/24" })
	void acceptsLoopbackSourcesOnlyWhereThePolicyAllowsThem(String input, String canonical) {
		TrustedSourceParser local = new TrustedSourceParser(
				Catalogs.defaultCatalog().trustedSources().withLoopback(true));

		assertThat(((TrustedSourceParser.Outcome.Valid) local.parse(input)).source().cidr()).isEqualTo(canonical);
		assertThat(this.parser.parse(input)).isInstanceOf(TrustedSourceParser.Outcome.Invalid.class);
	}

	@Test
	void allowingLoopbackStillRefusesEveryOtherSpecialPurposeRange() {
		TrustedSourceParser local = new TrustedSourceParser(
				Catalogs.defaultCatalog().trustedSources().withLoopback(true));

		assertThat(local.parse("10.0.0.1")).isInstanceOf(TrustedSourceParser.Outcome.Invalid.class);
		assertThat(local.parse("192.168.1.0/24")).isInstanceOf(TrustedSourceParser.Outcome.Invalid.class);
	}

}
