package dev.dbaas.pipeline.security.web;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.StrictHttpFirewall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

class HeaderCharactersTest {

	private final StrictHttpFirewall library = new StrictHttpFirewall();

	private final StrictHttpFirewall ours = HeaderCharacters.firewall();

	private final MockHttpServletRequest probe = request();

	private final HttpServletRequest libraryProbe = this.library.getFirewalledRequest(this.probe);

	@Test
	void acceptsAndRefusesEveryCodePointAsTheLibrarysExpressionsDo() {
		int refused = 0;
		for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
			String text = "a" + new String(Character.toChars(codePoint)) + "b";
			boolean value = libraryAcceptsValue(text);
			if (HeaderCharacters.VALUES.test(text) != value) {
				fail("header value with U+%04X: library %s", codePoint, value ? "accepts" : "refuses");
			}
			boolean name = libraryAcceptsName(text);
			if (HeaderCharacters.NAMES.test(text) != name) {
				fail("header name with U+%04X: library %s", codePoint, name ? "accepts" : "refuses");
			}
			refused += value ? 0 : 1;
		}
		// Controls but the tab, and the unassigned: a check that refused nothing would be
		// no check.
		assertThat(refused).isGreaterThan(60);
	}

	@Test
	void agreesOnSurrogatesTabsAndLongValues() {
		List<String> texts = List.of("", "\t", "Bearer \t x", "\uD83D\uDE00", "x\uD83D", "\uDE00x", "\uD83D\uD83D",
				"\u0000", "\r\n", "\u007f", "\u0085", "\u00a0", "\uFFFF", "\uFEFF", "Bearer " + "a".repeat(4096),
				"ä ö ü €");
		for (String text : texts) {
			assertThat(HeaderCharacters.VALUES.test(text)).as("value %s", text).isEqualTo(libraryAcceptsValue(text));
			assertThat(HeaderCharacters.NAMES.test(text)).as("name %s", text).isEqualTo(libraryAcceptsName(text));
		}
	}

	@Test
	void theFirewallRefusesAControlCharacterInAHeader() {
		MockHttpServletRequest request = request();
		request.addHeader("X-Note", "line\u0007bell");
		HttpServletRequest firewalled = this.ours.getFirewalledRequest(request);
		try {
			firewalled.getHeader("X-Note");
			fail("a header with BEL was let through");
		}
		catch (RequestRejectedException expected) {
			assertThat(expected.getMessage()).contains("X-Note");
		}
	}

	private boolean libraryAcceptsValue(String value) {
		this.probe.removeHeader("X-Probe");
		this.probe.addHeader("X-Probe", value);
		try {
			this.libraryProbe.getHeader("X-Probe");
			return true;
		}
		catch (RequestRejectedException ex) {
			return false;
		}
	}

	private boolean libraryAcceptsName(String name) {
		this.probe.addHeader(name, "v");
		try {
			this.libraryProbe.getHeader(name);
			return true;
		}
		catch (RequestRejectedException ex) {
			return false;
		}
		finally {
			this.probe.removeHeader(name);
		}
	}

	private static MockHttpServletRequest request() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/v1/catalog");
		request.setServletPath("/v1/catalog");
		return request;
	}

}
