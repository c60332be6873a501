package dev.dbaas.pipeline.devstack.portal;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.dbaas.pipeline.localinfra.FreePorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The portal server against two stand-in services that echo what reached them. The
 * stand-in status-service answers an order or instance only for the token of its owner,
 * as the real one does, so that a session that forwarded anything but its own customer's
 * token would be seen.
 */
class PortalServerTest {

	private static final PortalPassword PASSWORD = PortalPassword.of("correct-horse-battery");

	private static final Pattern CSRF = Pattern.compile("\"csrfToken\":\"([^\"]+)\"");

	private final HttpClient browser = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final Map<String, String> seen = new ConcurrentHashMap<>();

	private HttpServer intake;

	private HttpServer status;

	private PortalServer portal;

	/**
	 * Long polls of {@code /v1/orders/o-held} that reached the stand-in status-service.
	 */
	private final AtomicInteger held = new AtomicInteger();

	private final CountDownLatch release = new CountDownLatch(1);

	@BeforeEach
	void start() throws IOException {
		this.intake = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
		this.status = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
		String statusBase = "http://localhost:" + this.status.getAddress().getPort();
		this.intake.createContext("/", (exchange) -> {
			record(exchange, "intake");
			exchange.getResponseHeaders().set("Location", statusBase + "/v1/orders/o-1");
			exchange.getResponseHeaders().set("Idempotent-Replayed", "true");
			exchange.getResponseHeaders().set("ETag", "\"4\"");
			exchange.getResponseHeaders().set("Set-Cookie", "not=forwarded");
			answer(exchange, 202, "application/json",
					"{\"orderId\":\"o-1\",\"body\":" + this.seen.get("intake.body") + "}");
		});
		this.status.createContext("/", (exchange) -> {
			record(exchange, "status");
			String path = exchange.getRequestURI().getPath();
			if (path.equals("/v1/orders/o-held")) {
				this.held.incrementAndGet();
				awaitRelease();
			}
			if (path.startsWith("/v1/instances/db-of-b")
					&& !"Bearer token-of-c-b".equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
				answer(exchange, 404, "application/problem+json",
						"{\"type\":\"https://dbaas.example/problems/instance-not-found\",\"status\":404}");
				return;
			}
			if ("\"7\"".equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
				exchange.getResponseHeaders().set("ETag", "\"7\"");
				exchange.sendResponseHeaders(304, -1);
				exchange.close();
				return;
			}
			exchange.getResponseHeaders().set("ETag", "\"8\"");
			exchange.getResponseHeaders().set("Preference-Applied", "wait=5");
			answer(exchange, 200, "application/json", "{\"status\":\"DONE\"}");
		});
		this.status.setExecutor(Executors.newCachedThreadPool());
		this.intake.start();
		this.status.start();
		this.portal = PortalServer.start(InetAddress.getLoopbackAddress(), 0,
				URI.create("http://localhost:" + this.intake.getAddress().getPort()), URI.create(statusBase + "/"),
				(customerId, lifetime) -> "token-of-" + customerId, PASSWORD);
	}

	@AfterEach
	void stop() {
		this.release.countDown();
		this.portal.close();
		this.intake.stop(0);
		this.status.stop(0);
	}

	@Test
	void listensOnTheAddressItIsGiven() {
		assertThat(this.portal.address().isLoopbackAddress()).isTrue();
	}

	@Test
	void listensOnAFreePortWhenItsPortIsTaken() throws Exception {
		try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
				PortalServer other = PortalServer.start(InetAddress.getLoopbackAddress(), taken.getLocalPort(),
						URI.create("http://localhost:1"), URI.create("http://localhost:1"),
						(customerId, lifetime) -> "t", PASSWORD)) {
			assertThat(other.port()).isPositive().isNotEqualTo(taken.getLocalPort());
			assertThat(send(HttpRequest.newBuilder(URI.create("http://localhost:" + other.port() + "/"))).statusCode())
				.isEqualTo(200);
		}
	}

	@Test
	void longPollsInFlightHoldOneThreadEachAndEverythingElseIsStillAnswered() throws Exception {
		SignedIn customer = signIn("c-1001");
		List<CompletableFuture<HttpResponse<String>>> polls = IntStream.range(0, 20)
			.mapToObj((i) -> this.browser.sendAsync(
					customer.get(portal("/v1/orders/o-held")).header("Prefer", "wait=30").build(),
					HttpResponse.BodyHandlers.ofString()))
			.toList();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.held.get() == polls.size());

		assertThat(send(customer.get(portal("/v1/orders/o-1"))).statusCode()).isEqualTo(200);
		assertThat(send(HttpRequest.newBuilder(portal("/"))).statusCode()).isEqualTo(200);
		this.release.countDown();
		for (CompletableFuture<HttpResponse<String>> poll : polls) {
			assertThat(poll.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
		}
	}

	@Test
	void closeStopsWithinTwoSecondsWhileALongPollIsInFlight() throws Exception {
		SignedIn customer = signIn("c-1001");
		CompletableFuture<HttpResponse<String>> poll = this.browser.sendAsync(
				customer.get(portal("/v1/orders/o-held")).header("Prefer", "wait=30").build(),
				HttpResponse.BodyHandlers.ofString());
		await().atMost(Duration.ofSeconds(10)).until(() -> this.held.get() == 1);

		long began = System.nanoTime();
		this.portal.close();

		assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(2));
		assertThat(poll).failsWithin(Duration.ofSeconds(5));
	}

	@Test
	void forwardsAnOrderToOrderIntakeWithTheSignedInCustomersTokenOnly() throws Exception {
		SignedIn customer = signIn("c-1001");
		HttpResponse<String> response = send(customer.post(portal("/v1/orders"), "{\"customerId\":\"c-1001\"}")
			.header("Idempotency-Key", "k-1")
			.header("Authorization", "Bearer from-the-browser"));

		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(response.body()).isEqualTo("{\"orderId\":\"o-1\",\"body\":{\"customerId\":\"c-1001\"}}");
		assertThat(this.seen).containsEntry("intake.request", "POST /v1/orders")
			.containsEntry("intake.Idempotency-Key", "k-1")
			.containsEntry("intake.Content-Type", "application/json")
			.containsEntry("intake.Authorization", "Bearer token-of-c-1001")
			.doesNotContainKeys("intake.Cookie", "intake.X-CSRF-Token");
		assertThat(response.headers().firstValue("Location")).as("status-service's URL becomes a portal path")
			.hasValue("/v1/orders/o-1");
		assertThat(response.headers().firstValue("Idempotent-Replayed")).hasValue("true");
		assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
	}

	@Test
	void forwardsAChangeOrderOfAnInstanceToOrderIntakeWithIfMatchAndHandsBackTheNewETag() throws Exception {
		SignedIn customer = signIn("c-1001");
		HttpResponse<String> response = send(
				customer.post(portal("/v1/instances/db-0123456789abcdef/orders"), "{\"type\":\"UPDATE\"}")
					.header("Idempotency-Key", "k-2")
					.header("If-Match", "\"3\""));

		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(this.seen).containsEntry("intake.request", "POST /v1/instances/db-0123456789abcdef/orders")
			.containsEntry("intake.If-Match", "\"3\"")
			.containsEntry("intake.Idempotency-Key", "k-2")
			.containsEntry("intake.Authorization", "Bearer token-of-c-1001");
		assertThat(response.headers().firstValue("ETag")).hasValue("\"4\"");
	}

	@Test
	void forwardsTheCatalogToOrderIntakeAndOrderReadsWithTheirQueryToStatusService() throws Exception {
		SignedIn customer = signIn("c-1001");
		assertThat(send(customer.get(portal("/v1/catalog"))).statusCode()).isEqualTo(202);
		assertThat(this.seen).containsEntry("intake.request", "GET /v1/catalog");

		HttpResponse<String> list = send(customer.get(portal("/v1/orders?customerId=c%201001&limit=5")));

		assertThat(list.statusCode()).isEqualTo(200);
		assertThat(this.seen).containsEntry("status.request", "GET /v1/orders?customerId=c%201001&limit=5")
			.containsEntry("status.Authorization", "Bearer token-of-c-1001");
	}

	@Test
	void aSessionReadsWithItsOwnCustomersTokenSoAnotherCustomersInstanceIsNotFound() throws Exception {
		SignedIn a = signIn("c-a");
		SignedIn b = signIn("c-b");

		HttpResponse<String> byA = send(a.get(portal("/v1/instances/db-of-b")));
		HttpResponse<String> byB = send(b.get(portal("/v1/instances/db-of-b")));

		assertThat(byA.statusCode()).as("A reading B's instance").isEqualTo(404);
		assertThat(byA.body()).contains("instance-not-found");
		assertThat(byB.statusCode()).as("B reading its own").isEqualTo(200);
	}

	@Test
	void passesALongPollThroughWithPreferAndIfNoneMatch() throws Exception {
		SignedIn customer = signIn("c-1001");
		HttpResponse<String> changed = send(
				customer.get(portal("/v1/orders/o-1")).header("Prefer", "wait=5").header("If-None-Match", "\"6\""));
		HttpResponse<String> unchanged = send(
				customer.get(portal("/v1/orders/o-1")).header("Prefer", "wait=5").header("If-None-Match", "\"7\""));

		assertThat(this.seen).containsEntry("status.Prefer", "wait=5");
		assertThat(changed.statusCode()).isEqualTo(200);
		assertThat(changed.headers().firstValue("ETag")).hasValue("\"8\"");
		assertThat(changed.headers().firstValue("Preference-Applied")).hasValue("wait=5");
		assertThat(changed.body()).isEqualTo("{\"status\":\"DONE\"}");
		assertThat(unchanged.statusCode()).isEqualTo(304);
		assertThat(unchanged.headers().firstValue("ETag")).hasValue("\"7\"");
		assertThat(unchanged.body()).isEmpty();
	}

	@ParameterizedTest(name = "{0} {1} without a session")
	@CsvSource({ "GET, /v1/catalog", "GET, /v1/orders?customerId=c-1001", "POST, /v1/orders", "GET, /v1/orders/o-1",
			"GET, /v1/instances", "GET, /v1/instances/db-0123456789abcdef",
			"POST, /v1/instances/db-0123456789abcdef/orders", "POST, /v1/instances/db-0123456789abcdef/credentials",
			"GET, /v1/other", "DELETE, /v1/orders/o-1" })
	void withoutASessionEveryApiCallIsUnauthorizedAndReachesNoService(String method, String path) throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(portal(path))
			.header("Authorization", "Bearer a-token-of-its-own")
			.method(method, HttpRequest.BodyPublishers.ofString(method.equals("POST") ? "{}" : "")));

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("\"type\":\"https://dbaas.example/problems/unauthorized\"");
		assertThat(this.seen).isEmpty();
	}

	@Test
	void aCookieThatNamesNoSessionIsNone() throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(portal("/v1/orders"))
			.header("Cookie", Sessions.COOKIE + "=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(this.seen).isEmpty();
	}

	@Test
	void aPostWithoutTheSessionsCsrfTokenOrFromAnotherOriginIsForbiddenAndReachesNoService() throws Exception {
		SignedIn customer = signIn("c-1001");
		HttpRequest.Builder noToken = HttpRequest.newBuilder(portal("/v1/orders"))
			.header("Cookie", customer.cookie())
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{}"));
		HttpRequest.Builder wrongToken = customer.post(portal("/v1/orders"), "{}");
		wrongToken.setHeader(SignInEndpoint.CSRF_HEADER, signIn("c-1002").csrfToken());
		HttpRequest.Builder otherOrigin = customer.post(portal("/v1/orders"), "{}")
			.header("Origin", "http://localhost:3000");
		HttpRequest.Builder crossSite = customer.post(portal("/v1/instances/db-0123456789abcdef/orders"), "{}")
			.header("Sec-Fetch-Site", "same-site");

		for (HttpRequest.Builder request : List.of(noToken, wrongToken, otherOrigin, crossSite)) {
			HttpResponse<String> response = send(request);
			assertThat(response.statusCode()).isEqualTo(403);
			assertThat(response.body()).contains("\"type\":\"https://dbaas.example/problems/forbidden\"");
		}
		assertThat(this.seen).isEmpty();
	}

	@Test
	void signsACustomerInWithAnHttpOnlySameSiteStrictCookieAndSaysWhoIsSignedIn() throws Exception {
		HttpResponse<String> response = send(signInRequest("customerId=c-1001&password=correct-horse-battery"));

		assertThat(response.statusCode()).isEqualTo(200);
		String cookie = response.headers().firstValue("Set-Cookie").orElseThrow();
		assertThat(cookie).startsWith(Sessions.COOKIE + "=")
			.contains("; HttpOnly", "; SameSite=Strict", "; Path=/", "; Max-Age=43200");
		assertThat(response.body()).contains("\"customerId\":\"c-1001\"", "\"csrfToken\":\"")
			.doesNotContain(cookie.substring(Sessions.COOKIE.length() + 1, cookie.indexOf(';')));
		assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");

		HttpResponse<String> who = send(
				HttpRequest.newBuilder(portal("/session")).header("Cookie", cookie.substring(0, cookie.indexOf(';'))));
		assertThat(who.statusCode()).isEqualTo(200);
		assertThat(who.body()).contains("\"customerId\":\"c-1001\"");
		assertThat(send(HttpRequest.newBuilder(portal("/session"))).statusCode()).as("without the cookie")
			.isEqualTo(401);
	}

	@Test
	void refusesAWrongPasswordNextToThePasswordFieldAndStartsNoSession() throws Exception {
		HttpResponse<String> response = send(signInRequest("customerId=c-1001&password=correct-horse-batterY"));

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).contains("\"type\":\"https://dbaas.example/problems/unauthorized\"",
				"\"pointer\":\"/password\"");
		assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
	}

	@ParameterizedTest(name = "refuses \"{0}\" with {1} at {2}")
	@CsvSource(delimiter = '|', textBlock = """
			customerId=&password=correct-horse-battery          | 400 | /customerId
			password=correct-horse-battery                      | 400 | /customerId
			customerId=-c1&password=correct-horse-battery       | 400 | /customerId
			customerId=c%0A1&password=correct-horse-battery     | 400 | /customerId
			customerId=c-1001&password=                         | 400 | /password
			customerId=c-1001                                   | 400 | /password
			customerId=%zz&password=correct-horse-battery       | 400 | malformed-request
			""")
	void refusesAnIncompleteSignInNamingTheField(String form, int status, String where) throws Exception {
		HttpResponse<String> response = send(signInRequest(form));

		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(response.body()).contains(where);
		assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
	}

	@Test
	void refusesASignInFromAnotherOriginOrNotAForm() throws Exception {
		HttpResponse<String> otherOrigin = send(signInRequest("customerId=c-1001&password=correct-horse-battery")
			.header("Origin", "http://evil.example"));
		HttpResponse<String> json = send(HttpRequest.newBuilder(portal("/session"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"customerId\":\"c-1001\"}")));

		assertThat(otherOrigin.statusCode()).isEqualTo(403);
		assertThat(otherOrigin.headers().firstValue("Set-Cookie")).isEmpty();
		assertThat(json.statusCode()).isEqualTo(415);
	}

	@Test
	void signingOutEndsTheSessionAndNeedsItsCsrfToken() throws Exception {
		SignedIn customer = signIn("c-1001");
		HttpResponse<String> withoutToken = send(
				HttpRequest.newBuilder(portal("/session")).header("Cookie", customer.cookie()).DELETE());
		assertThat(withoutToken.statusCode()).isEqualTo(403);
		assertThat(send(customer.get(portal("/v1/orders"))).statusCode()).as("still signed in").isEqualTo(200);

		HttpResponse<String> signOut = send(HttpRequest.newBuilder(portal("/session"))
			.header("Cookie", customer.cookie())
			.header(SignInEndpoint.CSRF_HEADER, customer.csrfToken())
			.DELETE());

		assertThat(signOut.statusCode()).isEqualTo(204);
		assertThat(signOut.headers().firstValue("Set-Cookie")).hasValueSatisfying(
				(cookie) -> assertThat(cookie).startsWith(Sessions.COOKIE + "=;").contains("Max-Age=0"));
		assertThat(send(customer.get(portal("/v1/orders"))).statusCode()).as("the old cookie").isEqualTo(401);
	}

	@Test
	void aNewSignInInTheSameBrowserEndsTheSessionBefore() throws Exception {
		SignedIn first = signIn("c-a");
		HttpResponse<String> again = send(
				signInRequest("customerId=c-b&password=correct-horse-battery").header("Cookie", first.cookie()));

		assertThat(again.statusCode()).isEqualTo(200);
		assertThat(send(first.get(portal("/v1/orders"))).statusCode()).isEqualTo(401);
	}

	@Test
	void servesThePagesWithoutASessionAndNothingElse() throws Exception {
		HttpResponse<String> wizard = send(HttpRequest.newBuilder(portal("/")));
		HttpResponse<String> styles = send(HttpRequest.newBuilder(portal("/portal.css")));

		assertThat(wizard.statusCode()).isEqualTo(200);
		assertThat(wizard.headers().firstValue("Content-Type")).hasValue("text/html;charset=utf-8");
		assertThat(wizard.headers().firstValue("Content-Security-Policy"))
			.hasValueSatisfying((policy) -> assertThat(policy).startsWith("default-src 'self'"));
		assertThat(wizard.body()).contains("<title>Order a managed database");
		assertThat(styles.headers().firstValue("Content-Type")).hasValue("text/css;charset=utf-8");
		for (String page : List.of("/signin.html", "/instances.html", "/status.html", "/session.js", "/instances.js")) {
			assertThat(send(HttpRequest.newBuilder(portal(page))).statusCode()).as(page).isEqualTo(200);
		}
		SignedIn customer = signIn("c-1001");
		for (String path : List.of("/logback.xml", "/missing.html", "/v1/other")) {
			HttpResponse<String> response = send(customer.get(portal(path)));
			assertThat(response.statusCode()).as(path).isEqualTo(404);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		}
		HttpResponse<String> delete = send(customer.get(portal("/v1/orders/o-1")).DELETE());
		assertThat(delete.statusCode()).isEqualTo(405);
		assertThat(delete.headers().firstValue("Allow")).hasValue("GET, HEAD");
		assertThat(this.seen).doesNotContainKey("status.request");
	}

	@Test
	void answersServiceUnavailableWhenAServiceIsDown() throws Exception {
		int closedPort = FreePorts.any();
		try (PortalServer orphan = PortalServer.start(InetAddress.getLoopbackAddress(), 0,
				URI.create("http://localhost:" + closedPort), URI.create("http://localhost:" + closedPort),
				(customerId, lifetime) -> "t", PASSWORD)) {
			URI base = URI.create("http://localhost:" + orphan.port());
			HttpResponse<String> signedIn = send(HttpRequest.newBuilder(base.resolve("/session"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("customerId=c-1001&password=correct-horse-battery")));
			String cookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
			HttpResponse<String> response = send(
					HttpRequest.newBuilder(base.resolve("/v1/catalog")).header("Cookie", cookie));

			assertThat(response.statusCode()).isEqualTo(503);
			assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
			assertThat(response.body()).contains("service-unavailable");
		}
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "/v1/orders?state=%C3%28", "/v1/orders?customerId=%FF", "/v1/instances?x=%FF", "/v1/catalog?%FF=1",
			"/v1/orders/%FF", "/v1/%C0%AF", "/v1/orders/a%2Fb", "/v1/orders/a%5Cb", "/v1/orders/a%00b",
			"/v1/orders/%2e%2e/x", "/session?x=%FF" })
	void answersAnApiPathOrQueryThatDoesNotDecodeWithABadRequestProblemAndForwardsNothing(String target)
			throws Exception {
		SignedIn customer = signIn("c-1001");
		this.seen.clear();
		HttpResponse<String> response = send(customer.get(portal(target)));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).as("the portal's or Tomcat's").startsWith("application/problem+json"));
		assertThat(response.body()).contains("\"type\":\"https://dbaas.example/problems/bad-request\"");
		assertThat(response.body().replaceFirst("\"instance\":\"[^\"]*\"", ""))
			.as("nothing the client sent but the path, still escaped, as the instance Tomcat's refusal names")
			.doesNotContain("%FF")
			.doesNotContain("%C3");
		assertThat(this.seen).isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "/status.html?x=%FF", "/%FF", "/a%2Fb.html", "/..%2Flogback.xml", "/a/../status.html" })
	void answersAPageThatDoesNotDecodeWithTheSameBadRequestProblem(String target) throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(portal(target)));

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).as("the portal's or Tomcat's").startsWith("application/problem+json"));
		assertThat(response.body()).contains("\"type\":\"https://dbaas.example/problems/bad-request\"")
			.doesNotContain("<");
	}

	@Test
	void passesAServicesProblemThroughAsItIs() throws Exception {
		SignedIn customer = signIn("c-b");
		HttpResponse<String> response = send(customer.get(portal("/v1/instances/db-of-b")));

		assertThat(response.statusCode()).isEqualTo(200);
		HttpResponse<String> foreign = send(signIn("c-1001").get(portal("/v1/instances/db-of-b")));

		assertThat(foreign.statusCode()).isEqualTo(404);
		assertThat(foreign.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(foreign.body()).contains("instance-not-found");
	}

	private SignedIn signIn(String customerId) throws IOException, InterruptedException {
		HttpResponse<String> response = send(
				signInRequest("customerId=" + customerId + "&password=correct-horse-battery"));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		Matcher csrf = CSRF.matcher(response.body());
		assertThat(csrf.find()).isTrue();
		return new SignedIn(response.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0], csrf.group(1));
	}

	private HttpRequest.Builder signInRequest(String form) {
		return HttpRequest.newBuilder(portal("/session"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form));
	}

	private URI portal(String path) {
		return URI.create("http://localhost:" + this.portal.port() + path);
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return this.browser.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private void awaitRelease() {
		try {
			this.release.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void record(HttpExchange exchange, String service) throws IOException {
		this.seen.put(service + ".request", exchange.getRequestMethod() + " " + exchange.getRequestURI());
		for (String name : List.of("Content-Type", "Idempotency-Key", "Prefer", "If-None-Match", "If-Match", "Cookie",
				"Authorization", "X-CSRF-Token")) {
			String value = exchange.getRequestHeaders().getFirst(name);
			if (value != null) {
				this.seen.put(service + "." + name, value);
			}
		}
		this.seen.put(service + ".body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
	}

	private static void answer(HttpExchange exchange, int code, String type, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", type);
		exchange.sendResponseHeaders(code, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	/** A browser's session: its cookie and the CSRF token its pages send. */
	private record SignedIn(String cookie, String csrfToken) {

		HttpRequest.Builder get(URI uri) {
			return HttpRequest.newBuilder(uri).header("Cookie", this.cookie);
		}

		HttpRequest.Builder post(URI uri, String json) {
			return HttpRequest.newBuilder(uri)
				.header("Cookie", this.cookie)
				.header(SignInEndpoint.CSRF_HEADER, this.csrfToken)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(json));
		}

	}

}
