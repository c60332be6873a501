package dev.dbaas.pipeline.security.web;

import java.util.Arrays;
import java.util.List;

import dev.dbaas.pipeline.contract.http.ProblemKind;
import dev.dbaas.pipeline.security.test.HostileRequests;
import dev.dbaas.pipeline.security.test.RawHttp;
import dev.dbaas.pipeline.security.test.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service with this module's edge: every hostile request of {@link HostileRequests},
 * refused by Tomcat, by the firewall or by the query check, is a 4xx problem of the
 * shared vocabulary with a fixed detail, never HTML, never a 500, never an echo of what
 * was sent; and is counted.
 */
@SpringBootTest(classes = HttpEdgeIntegrationTest.EdgeApi.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HttpEdgeIntegrationTest {

	private static final List<String> TYPES = Arrays.stream(ProblemKind.values())
		.map((kind) -> kind.uri().toString())
		.toList();

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meters;

	static List<HostileRequests.Hostile> hostile() {
		return HostileRequests.all();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("hostile")
	void answersAProblemOfTheVocabulary(HostileRequests.Hostile hostile) {
		RawHttp.Answer answer = RawHttp.send(this.port, hostile.head("/v1/things/t-1", this.port, authorization()));

		assertThat(answer.status()).as(answer.toString()).isBetween(400, 499);
		assertThat(answer.header("Content-Type")).as(answer.toString()).startsWith("application/problem+json");
		assertThat(answer.looksLikeHtml()).as(answer.toString()).isFalse();
		assertThat(answer.problemType()).as(answer.toString())
			.isIn(TYPES)
			.isEqualTo(hostile.expected().uri().toString());
		assertThat(answer.body()).as("no raw control or non-ASCII bytes echoed").matches("[\\x20-\\x7e\\r\\n]*");
		assertThat(answer.body()).doesNotContain("aaaaaaaaaaaaaaaaaaaa").doesNotContain("exa mple");
	}

	@Test
	void stillServesAQueryThatDecodes() {
		RawHttp.Answer answer = RawHttp.send(this.port,
				"GET /v1/things/t-1?state=%C3%A9t%C3%A9 HTTP/1.1\r\nHost: localhost\r\n" + authorization());

		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		assertThat(answer.body()).contains("t-1 été");
	}

	@Test
	void answersTheErrorPageAsAProblemWhateverTheClientAccepts() {
		RawHttp.Answer answer = RawHttp.send(this.port,
				"TRACE /v1/things/t-1 HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\n");

		assertThat(answer.status()).isEqualTo(405);
		assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
		assertThat(answer.problemType()).isEqualTo(ProblemKind.METHOD_NOT_ALLOWED.uri().toString());
	}

	@Test
	void countsRefusalsByStageAndReason() {
		RawHttp.send(this.port, "GET /v1/things/a%2Fb HTTP/1.1\r\nHost: localhost\r\n");
		RawHttp.send(this.port, "GET /v1/things/t-1?x=%FF HTTP/1.1\r\nHost: localhost\r\n" + authorization());
		RawHttp.send(this.port, "GET /v1/things/t-1;x=y HTTP/1.1\r\nHost: localhost\r\n");

		assertThat(
				this.meters.counter(EdgeRefusals.METRIC, "stage", "container", "reason", "path", "kind", "bad-request")
					.count())
			.isPositive();
		assertThat(this.meters.counter(EdgeRefusals.METRIC, "stage", "query", "reason", "query", "kind", "bad-request")
			.count()).isPositive();
		assertThat(this.meters
			.counter(EdgeRefusals.METRIC, "stage", "firewall", "reason", "path-sequence", "kind", "bad-request")
			.count()).isPositive();
	}

	private static String authorization() {
		return "Authorization: Bearer " + TestTokens.service("edge", "orders:read") + "\r\n";
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(ThingController.class)
	static class EdgeApi {

	}

	@RestController
	static class ThingController {

		@GetMapping("/v1/things/{id}")
		String thing(@PathVariable String id, @RequestParam(required = false) String state) {
			return id + " " + state;
		}

	}

}
