package dev.dbaas.pipeline.systemtests;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import dev.dbaas.pipeline.contract.http.ProblemKind;
import dev.dbaas.pipeline.devstack.DevStack;
import dev.dbaas.pipeline.devstack.DevStackOptions;
import dev.dbaas.pipeline.security.Caller;
import dev.dbaas.pipeline.security.test.RawHttp;
import dev.dbaas.pipeline.security.test.RawHttp.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every hostile request of the table, sent byte for byte to every endpoint of
 * order-intake, status-service and the portal of a running launcher: the APIs answer each
 * with a 4xx {@code application/problem+json} of the shared vocabulary (the type the
 * table names), never HTML and never a 5xx, also where Tomcat or Spring Security's
 * firewall refuses before a controller runs. The APIs' endpoints are read from their own
 * API descriptions ({@code /v3/api-docs}, built from the request mappings of their
 * application contexts), so a new endpoint is in the table without a line here. The
 * portal (an embedded Tomcat with the APIs' error report valve) answers on every path,
 * its pages and {@code /session} included, with the same problem as the APIs: its Tomcat
 * refuses what theirs refuses, and its servlet a path or query that does not decode. Only
 * a path parameter ({@code ;jsessionid=x}) is answered otherwise: a 404 problem for a
 * page or route the portal does not know, or the service's own 4xx problem where the
 * portal forwards it.
 */
class HostileHttpEdgeEndToEndTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final List<String> TYPES = Arrays.stream(ProblemKind.values())
		.map((kind) -> kind.uri().toString())
		.toList();

	private static final String LONG = "a".repeat(20_000);

	@TempDir
	static Path dataDir;

	static DevStack stack;

	static String authorization;

	static String portalCookie;

	static List<Endpoint> endpoints;

	@BeforeAll
	static void startPipeline() throws Exception {
		stack = DevStack.start(DevStackOptions.defaults()
			.withDataDir(dataDir)
			.withPorts(0, 0, 0, 0, 0)
			.withPortalPort(0)
			.withServiceProperties(Map.of("provisioner.backend", "simulation")));
		authorization = "Authorization: Bearer "
				+ stack.tokens().serviceToken("hostile", List.of(Caller.WRITE, Caller.READ), Duration.ofHours(1))
				+ "\r\n";
		portalCookie = "Cookie: " + signIn() + "\r\n";
		List<Endpoint> all = new ArrayList<>();
		List<String> apiPaths = new ArrayList<>();
		for (Service service : List.of(Service.INTAKE, Service.STATUS)) {
			int port = service.port();
			for (String path : apiPaths(port)) {
				all.add(new Endpoint(service, path));
				apiPaths.add(path);
			}
			all.add(new Endpoint(service, "/actuator/health"));
		}
		apiPaths.stream().distinct().forEach((path) -> all.add(new Endpoint(Service.PORTAL, path)));
		for (String page : List.of("/session", "/index.html", "/status.html", "/instances.html", "/portal.css")) {
			all.add(new Endpoint(Service.PORTAL, page));
		}
		endpoints = all;
	}

	@AfterAll
	static void stopPipeline() {
		if (stack != null) {
			stack.close();
		}
	}

	static Stream<Arguments> hostileRequestsToEveryEndpoint() {
		assertThat(endpoints).as("the endpoints of both APIs").hasSizeGreaterThan(8);
		return endpoints.stream()
			.flatMap((endpoint) -> Arrays.stream(Hostile.values()).map((hostile) -> Arguments.of(endpoint, hostile)));
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("hostileRequestsToEveryEndpoint")
	void answersWithAProblemOfTheVocabulary(Endpoint endpoint, Hostile hostile) {
		String credentials = (endpoint.service() == Service.PORTAL) ? portalCookie : authorization;
		Answer answer = RawHttp.send(endpoint.service().port(),
				hostile.head(endpoint.path(), "localhost:" + endpoint.service().port(), credentials));

		assertThat(answer.status()).as(answer.toString()).isBetween(400, 499);
		boolean asTheApis = endpoint.service() != Service.PORTAL || hostile.portal == PortalRefusal.AS_THE_APIS;
		assertProblem(answer, asTheApis ? hostile.expected : null);
	}

	private static void assertProblem(Answer answer, ProblemKind expected) {
		assertThat(answer.header("Content-Type")).as(answer.toString()).startsWith("application/problem+json");
		assertThat(answer.looksLikeHtml()).as(answer.toString()).isFalse();
		assertThat(answer.problemType()).as(answer.toString()).isIn(TYPES);
		if (expected != null) {
			assertThat(answer.problemType()).as(answer.toString()).isEqualTo(expected.uri().toString());
		}
		assertThat(answer.body()).as("nothing the client sent is echoed raw").matches("[\\x20-\\x7e\\r\\n]*");
		assertThat(answer.body()).doesNotContain("aaaaaaaaaaaaaaaaaaaa").doesNotContain("exa mple");
	}

	/** Every path of an API's description, with a sample value for each path variable. */
	private static List<String> apiPaths(int port) throws Exception {
		HttpResponse<String> docs = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v3/api-docs"))
				.timeout(Duration.ofSeconds(30))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(docs.statusCode()).as(docs.body()).isEqualTo(200);
		JsonNode paths = JSON.readTree(docs.body()).path("paths");
		List<String> found = new ArrayList<>();
		paths.propertyNames().forEach((path) -> found.add(path.replaceAll("\\{[^}]+}", "x-1")));
		assertThat(found).as("paths of the API on port " + port).isNotEmpty();
		return found;
	}

	private static String signIn() throws Exception {
		HttpResponse<String> signedIn = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + Service.PORTAL.port() + "/session"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers
					.ofString("customerId=c-hostile&password=" + stack.portalPassword().reveal()))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(200);
		return signedIn.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
	}

	/** The servers of the launcher. */
	enum Service {

		INTAKE, STATUS, PORTAL;

		int port() {
			return switch (this) {
				case INTAKE -> stack.options().intakePort();
				case STATUS -> stack.options().statusPort();
				case PORTAL -> stack.portalUrl().getPort();
			};
		}

	}

	/**
	 * An endpoint of a server.
	 *
	 * @param service the server
	 * @param path the path, path variables filled in
	 */
	record Endpoint(Service service, String path) {

		@Override
		public String toString() {
			return this.service.name().toLowerCase(Locale.ROOT) + " " + this.path;
		}

	}

	/** How the portal answers a hostile request. */
	enum PortalRefusal {

		/**
		 * With the problem the APIs answer: its Tomcat refuses it before the portal's
		 * servlet, or the servlet refuses a path or query that does not decode, and
		 * nothing is forwarded.
		 */
		AS_THE_APIS,

		/**
		 * With a 4xx problem of the vocabulary, not necessarily the APIs' type: the
		 * portal may answer it itself or forward it and pass the service's answer on.
		 */
		FORWARDED

	}

	/** Hostile requests, each with the problem the APIs answer it with. */
	enum Hostile {

		QUERY_NOT_UTF8(ProblemKind.BAD_REQUEST, PortalRefusal.AS_THE_APIS, "", "?state=%C3%28"),
		QUERY_LONE_FF(ProblemKind.BAD_REQUEST, PortalRefusal.AS_THE_APIS, "", "?customerId=%FF"),
		QUERY_NAME_NOT_UTF8(ProblemKind.BAD_REQUEST, PortalRefusal.AS_THE_APIS, "", "?%FF=1"),
		QUERY_MALFORMED_ESCAPE(ProblemKind.BAD_REQUEST, PortalRefusal.AS_THE_APIS, "", "?x=%zz"),
		QUERY_UNSAFE_CHARACTERS(ProblemKind.BAD_REQUEST, PortalRefusal.AS_THE_APIS, "", "?a=|<>"),
		PATH_NOT_UTF8(ProblemKind.BAD_REQUEST, PortalRefusal.AS_THE_APIS, "/%FF", ""),
		PATH_OVERLONG_SLASH(ProblemKind.BAD_REQUEST, PortalRefusal.AS_THE_APIS, "/%C0%AF", ""),
		PATH_ENCODED_SLASH(ProblemKind.BAD_REQUEST, PortalRefusal.AS_THE_APIS, "/a%2Fb", ""),
		PATH_ENCODED_BACKSLASH(ProblemKind.BAD_REQUEST, PortalRefusal.AS_THE_APIS, "/a%5Cb", ""),
		PATH_RAW_BACKSLASH(ProblemKind.BAD_REQUEST, PortalRefusal.AS_THE_APIS, "/a\\b", ""),
		PATH_ENCODED_NUL(ProblemKind.BAD_REQUEST, PortalRefusal.AS_THE_APIS, "/a%00b", ""),
		PATH_MALFORMED_ESCAPE(ProblemKind.BAD_REQUEST, PortalRefusal.AS_THE_APIS, "/%zz", ""),
		PATH_BRACES(ProblemKind.BAD_REQUEST, PortalRefusal.AS_THE_APIS, "/{x}", ""),
		PATH_ABOVE_ROOT(ProblemKind.BAD_REQUEST, PortalRefusal.AS_THE_APIS, "/../../../../etc/passwd", ""),
		PATH_DOT_SEGMENT(ProblemKind.BAD_REQUEST, PortalRefusal.AS_THE_APIS, "/../x", ""),
		PATH_ENCODED_DOT_SEGMENT(ProblemKind.BAD_REQUEST, PortalRefusal.AS_THE_APIS, "/%2e%2e/x", ""),
		PATH_PARAMETER(ProblemKind.BAD_REQUEST, PortalRefusal.FORWARDED, ";jsessionid=x", ""),
		REQUEST_LINE_TOO_LONG(ProblemKind.BAD_REQUEST, PortalRefusal.AS_THE_APIS, "", "?pad=" + LONG),
		HEADER_TOO_LONG(ProblemKind.BAD_REQUEST, PortalRefusal.AS_THE_APIS,
				"GET {path} HTTP/1.1\r\nHost: {host}\r\n{credentials}X-Pad: " + LONG + "\r\n"),
		HOST_MALFORMED(ProblemKind.BAD_REQUEST, PortalRefusal.AS_THE_APIS,
				"GET {path} HTTP/1.1\r\nHost: exa mple..com:99999\r\n{credentials}"),
		HOST_MISSING(ProblemKind.BAD_REQUEST, PortalRefusal.AS_THE_APIS, "GET {path} HTTP/1.1\r\n{credentials}"),
		HOST_REPEATED(ProblemKind.BAD_REQUEST, PortalRefusal.AS_THE_APIS,
				"GET {path} HTTP/1.1\r\nHost: {host}\r\nHost: other\r\n{credentials}"),
		METHOD_NOT_A_TOKEN(ProblemKind.BAD_REQUEST, PortalRefusal.AS_THE_APIS,
				"FOO(BAR {path} HTTP/1.1\r\nHost: {host}\r\n{credentials}"),
		METHOD_TRACE(ProblemKind.METHOD_NOT_ALLOWED, PortalRefusal.AS_THE_APIS,
				"TRACE {path} HTTP/1.1\r\nHost: {host}\r\n{credentials}"),
		METHOD_UNKNOWN(ProblemKind.METHOD_NOT_ALLOWED, PortalRefusal.AS_THE_APIS,
				"PROPFIND {path} HTTP/1.1\r\nHost: {host}\r\n{credentials}"),
		HTTP_VERSION_9(ProblemKind.BAD_REQUEST, PortalRefusal.AS_THE_APIS,
				"GET {path} HTTP/9.9\r\nHost: {host}\r\n{credentials}"),
		HEADER_NAME_WITH_SPACE(ProblemKind.BAD_REQUEST, PortalRefusal.AS_THE_APIS,
				"GET {path} HTTP/1.1\r\nHost: {host}\r\n{credentials}Bad Header: x\r\n"),
		HEADER_VALUE_CONTROL_CHARACTER(ProblemKind.BAD_REQUEST, PortalRefusal.AS_THE_APIS,
				"GET {path} HTTP/1.1\r\nHost: {host}\r\n{credentials}Prefer: a\u0001b\r\n"),
		CONTENT_LENGTH_NOT_A_NUMBER(ProblemKind.BAD_REQUEST, PortalRefusal.AS_THE_APIS,
				"POST {path} HTTP/1.1\r\nHost: {host}\r\n{credentials}Content-Length: ten\r\n"),
		CONTENT_LENGTH_REPEATED(ProblemKind.BAD_REQUEST, PortalRefusal.AS_THE_APIS,
				"POST {path} HTTP/1.1\r\nHost: {host}\r\n{credentials}Content-Length: 0\r\nContent-Length: 5\r\n");

		final ProblemKind expected;

		final PortalRefusal portal;

		private final String template;

		Hostile(ProblemKind expected, PortalRefusal portal, String pathSuffix, String query) {
			this(expected, portal, "GET {path}" + pathSuffix + query + " HTTP/1.1\r\nHost: {host}\r\n{credentials}");
		}

		Hostile(ProblemKind expected, PortalRefusal portal, String template) {
			this.expected = expected;
			this.portal = portal;
			this.template = template;
		}

		String head(String path, String host, String credentials) {
			return this.template.replace("{path}", path).replace("{host}", host).replace("{credentials}", credentials);
		}

	}

}
