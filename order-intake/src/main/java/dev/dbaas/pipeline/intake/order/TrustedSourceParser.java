package dev.dbaas.pipeline.intake.order;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.dbaas.pipeline.intake.catalog.TrustedSourcePolicy;
import inet.ipaddr.AddressStringException;
import inet.ipaddr.AddressStringParameters.RangeParameters;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;
import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv6.IPv6Address;
import org.jspecify.annotations.Nullable;

/**
 * Parses one trusted-source entry strictly. The ipaddress library parses, checks host
 * bits and compares ranges; it is lenient by design (it accepts leading zeros, inet_aton
 * forms and more, depending on its options), so a grammar check of our own runs first and
 * gives each rejection its own message: only ASCII dotted quads with no leading zeros and
 * an optional decimal prefix pass.
 *
 * <p>
 * Stateless and thread-safe.
 */
public final class TrustedSourceParser {

	private static final Pattern CIDR = Pattern.compile("([0-9]+)\\.([0-9]+)\\.([0-9]+)\\.([0-9]+)(?:/([0-9]*))?");

	private static final IPAddressStringParameters STRICT_IPV4 = new IPAddressStringParameters.Builder()
		.allowEmpty(false)
		.allowAll(false)
		.allowSingleSegment(false)
		.allowMask(false)
		.allowPrefixOnly(false)
		.allowIPv6(false)
		.allowWildcardedSeparator(false)
		.allow_inet_aton(false)
		.setRangeOptions(RangeParameters.NO_RANGE)
		.getIPv4AddressParametersBuilder()
		.allowLeadingZeros(false)
		.allowUnlimitedLeadingZeros(false)
		.allowPrefixLengthLeadingZeros(false)
		.allowPrefixesBeyondAddressSize(false)
		.allowBinary(false)
		.getParentBuilder()
		.toParams();

	private static final IPAddressStringParameters ANY_IPV6 = new IPAddressStringParameters.Builder().allowIPv4(false)
		.toParams();

	private static final List<SpecialPurposeRange> SPECIAL_PURPOSE = List.of(
			special("0.0.0.0/8", "\"this network\" (RFC 791)"), special("10.0.0.0/8", "private use (RFC 1918)"),
			special("100.64.0.0/10", "shared address space for carrier-grade NAT (RFC 6598)"),
			special("127.0.0.0/8", "loopback (RFC 1122)"), special("169.254.0.0/16", "link-local (RFC 3927)"),
			special("172.16.0.0/12", "private use (RFC 1918)"),
			special("192.0.0.0/24", "IETF protocol assignments (RFC 6890)"),
			special("192.0.2.0/24", "documentation, TEST-NET-1 (RFC 5737)"),
			special("192.31.196.0/24", "AS112 DNS service (RFC 7535)"),
			special("192.52.193.0/24", "automatic multicast tunneling (RFC 7450)"),
			special("192.88.99.0/24", "deprecated 6to4 relay anycast (RFC 7526)"),
			special("192.168.0.0/16", "private use (RFC 1918)"),
			special("192.175.48.0/24", "AS112 direct delegation (RFC 7534)"),
			special("198.18.0.0/15", "benchmarking (RFC 2544)"),
			special("198.51.100.0/24", "documentation, TEST-NET-2 (RFC 5737)"),
			special("203.0.113.0/24", "documentation, TEST-NET-3 (RFC 5737)"),
			special("224.0.0.0/4", "multicast (RFC 5771)"), special("240.0.0.0/4", "future use (RFC 1112)"),
			special("255.255.255.255/32", "limited broadcast (RFC 919)"));

	private static final IPv4Address LOOPBACK = new IPAddressString("127.0.0.0/8").getAddress()
		.toIPv4()
		.toPrefixBlock();

	private final TrustedSourcePolicy policy;

	/**
	 * Creates a parser for the catalog's limits.
	 * @param policy prefix limits
	 */
	public TrustedSourceParser(TrustedSourcePolicy policy) {
		this.policy = policy;
	}

	/**
	 * The IANA special-purpose (and multicast) ranges that are never accepted.
	 * @return the ranges in CIDR form
	 */
	public static List<String> specialPurposeRanges() {
		return SPECIAL_PURPOSE.stream().map((range) -> range.block().toCanonicalString()).toList();
	}

	/**
	 * Parses an entry.
	 * @param input the entry as sent
	 * @return the canonical source or the reason it is rejected, phrased as how to fix it
	 */
	public Outcome parse(String input) {
		String grammarProblem = checkCharacters(input);
		if (grammarProblem != null) {
			return new Outcome.Invalid(grammarProblem);
		}
		if (input.indexOf(':') >= 0) {
			return new Outcome.Invalid(describeIpv6(input));
		}
		Matcher matcher = CIDR.matcher(input);
		if (!matcher.matches()) {
			return new Outcome.Invalid("'" + input
					+ "' is not an IPv4 address; write four numbers from 0 to 255 separated by dots, optionally with"
					+ " a prefix length, e.g. 123.123.123.123 or 222.222.222.128/28");
		}
		for (int group = 1; group <= 4; group++) {
			String octet = matcher.group(group);
			if (octet.length() > 1 && octet.charAt(0) == '0') {
				return new Outcome.Invalid("'" + input + "' has the octet '" + octet + "' with a leading zero; write "
						+ stripZeros(octet) + " (some systems read leading zeros as octal)");
			}
			if (octet.length() > 3 || Integer.parseInt(octet) > 255) {
				return new Outcome.Invalid("'" + input + "' has the octet " + octet + ", outside 0 to 255");
			}
		}
		String prefixText = matcher.group(5);
		int prefixLength = 32;
		if (prefixText != null) {
			if (prefixText.isEmpty()) {
				return new Outcome.Invalid("'" + input + "' ends with '/' but has no prefix length; write e.g. /"
						+ this.policy.maxPrefixLength() + " or leave out the slash for a single address");
			}
			if (prefixText.length() > 1 && prefixText.charAt(0) == '0') {
				return new Outcome.Invalid("'" + input + "' has the prefix length '" + prefixText
						+ "' with a leading zero; write /" + stripZeros(prefixText));
			}
			if (prefixText.length() > 2 || Integer.parseInt(prefixText) > 32) {
				return new Outcome.Invalid(
						"'" + input + "' has the prefix length /" + prefixText + "; IPv4 prefixes go from /0 to /32");
			}
			prefixLength = Integer.parseInt(prefixText);
		}
		String prefixProblem = checkPrefix(input, prefixLength);
		if (prefixProblem != null) {
			return new Outcome.Invalid(prefixProblem);
		}
		IPv4Address address;
		try {
			// The prefix is checked above; the library parses the address alone, so that
			// a
			// zero-host range is not turned into a subnet before the host-bit check.
			address = new IPAddressString(input.substring(0, matcher.end(4)), STRICT_IPV4).toAddress().toIPv4();
		}
		catch (AddressStringException | RuntimeException ex) {
			return new Outcome.Invalid("'" + input + "' is not a valid IPv4 address or range: " + ex.getMessage());
		}
		// isZeroHost is false when there are no host bits at all (/32).
		if (prefixLength < 32 && !address.isZeroHost(prefixLength)) {
			String suggestion = address.toPrefixBlock(prefixLength).toCanonicalString();
			return new Outcome.Invalid("'" + input + "' has host bits set after the /" + prefixLength
					+ " prefix; did you mean " + suggestion + "?");
		}
		IPv4Address block = address.toPrefixBlock(prefixLength);
		for (SpecialPurposeRange range : SPECIAL_PURPOSE) {
			if (this.policy.allowLoopback() && LOOPBACK.equals(range.block())) {
				continue;
			}
			if (range.block().overlaps(block)) {
				return new Outcome.Invalid("'" + input + "' lies in " + range.block().toCanonicalString()
						+ ", reserved for " + range.purpose() + "; trusted sources must be public IPv4 addresses");
			}
		}
		return new Outcome.Valid(new TrustedSource(block.getLower().intValue(), prefixLength));
	}

	private @Nullable String checkPrefix(String input, int prefixLength) {
		if (prefixLength == 0) {
			return "'" + input + "' would trust every address on the internet; list only the networks that need "
					+ "access, from /" + this.policy.minPrefixLength() + " to /" + this.policy.maxPrefixLength();
		}
		if (prefixLength < this.policy.minPrefixLength()) {
			return "'" + input + "' is a /" + prefixLength + " network, wider than allowed; use prefixes from /"
					+ this.policy.minPrefixLength() + " to /" + this.policy.maxPrefixLength()
					+ " and list several entries if needed";
		}
		if (prefixLength > this.policy.maxPrefixLength()) {
			return "'" + input + "' is a /" + prefixLength + " network, narrower than allowed; use prefixes from /"
					+ this.policy.minPrefixLength() + " to /" + this.policy.maxPrefixLength();
		}
		return null;
	}

	private static @Nullable String checkCharacters(String input) {
		if (input.isEmpty()) {
			return "the entry is empty; write an IPv4 address such as 123.123.123.123 or a range such as "
					+ "222.222.222.128/28";
		}
		for (int i = 0; i < input.length(); i = input.offsetByCodePoints(i, 1)) {
			int codePoint = input.codePointAt(i);
			if (codePoint >= '0' && codePoint <= '9') {
				continue;
			}
			if (Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint)) {
				return "'" + printable(input) + "' contains whitespace; remove it";
			}
			if (Character.isDigit(codePoint)) {
				return "'" + printable(input) + "' contains the non-ASCII digit " + unicodeName(codePoint)
						+ "; write the address with ASCII digits 0-9";
			}
			if (codePoint > 0x7E || codePoint < 0x20) {
				return "'" + printable(input) + "' contains the character " + unicodeName(codePoint)
						+ "; write the address with ASCII digits 0-9, dots and one slash";
			}
		}
		return null;
	}

	private static String describeIpv6(String input) {
		try {
			IPAddress address = new IPAddressString(input, ANY_IPV6).toAddress();
			IPv6Address ipv6 = address.toIPv6();
			if (ipv6.isIPv4Mapped()) {
				return "'" + input + "' is an IPv4-mapped IPv6 address; write the IPv4 address "
						+ ipv6.getEmbeddedIPv4Address().toCanonicalString() + " instead";
			}
		}
		catch (AddressStringException | RuntimeException ex) {
			// Not even valid IPv6: the generic message below fits.
		}
		return "'" + input + "' is an IPv6 address; only IPv4 trusted sources are supported";
	}

	private static String stripZeros(String digits) {
		String stripped = digits.replaceFirst("^0+", "");
		return stripped.isEmpty() ? "0" : stripped;
	}

	private static String printable(String input) {
		StringBuilder out = new StringBuilder();
		input.codePoints().limit(64).forEach((codePoint) -> {
			if (codePoint < 0x20 || codePoint == 0x7F) {
				out.append(String.format("\\u%04X", codePoint));
			}
			else {
				out.appendCodePoint(codePoint);
			}
		});
		return out.toString();
	}

	private static String unicodeName(int codePoint) {
		String name = Character.getName(codePoint);
		return String.format("U+%04X", codePoint) + ((name != null) ? " (" + name + ")" : "");
	}

	private static SpecialPurposeRange special(String cidr, String purpose) {
		return new SpecialPurposeRange(new IPAddressString(cidr).getAddress().toIPv4().toPrefixBlock(), purpose);
	}

	private record SpecialPurposeRange(IPv4Address block, String purpose) {
	}

	/**
	 * What parsing an entry gave.
	 */
	public sealed interface Outcome {

		/**
		 * The entry is a canonical public IPv4 network within the policy.
		 *
		 * @param source the parsed source
		 */
		record Valid(TrustedSource source) implements Outcome {
		}

		/**
		 * The entry is rejected.
		 *
		 * @param detail why, and how to fix it
		 */
		record Invalid(String detail) implements Outcome {
		}

	}

}
