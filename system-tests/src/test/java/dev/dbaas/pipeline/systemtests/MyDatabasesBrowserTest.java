package dev.dbaas.pipeline.systemtests;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.dbaas.pipeline.devstack.portal.PortalPassword;
import dev.dbaas.pipeline.devstack.portal.PortalServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The portal's "My databases" page in a real browser (headless Chromium, see
 * {@link Chromium}) against the real portal server and a stand-in of the two APIs that
 * answers as docs/lifecycle.md says: the page's own logic (sign-in, desired and observed
 * settings, If-Match, one Idempotency-Key per action and the same one for a retry, every
 * refusal next to its field, 409 and 412, the typed delete confirmation) without the
 * whole pipeline. {@link PortalLifecycleBrowserEndToEndTest} walks the same page against
 * the launcher.
 */
class MyDatabasesBrowserTest {

	private static final String PASSWORD = "stand-in-portal-password";

	private static final String ID = "db-0123456789abcdef";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	static Path browserProfile;

	static boolean browserInstalled;

	static WebDriver browser;

	private final FakeApis apis = new FakeApis();

	private PortalServer portal;

	private WebDriverWait wait;

	@BeforeAll
	static void startBrowser() {
		browserInstalled = Chromium.installed();
		if (browserInstalled) {
			browser = Chromium.start(browserProfile);
		}
	}

	@AfterAll
	static void stopBrowser() {
		if (browser != null) {
			browser.quit();
		}
	}

	@BeforeEach
	void startPortal() throws IOException {
		assumeTrue(browserInstalled, () -> "Browser test skipped: " + Chromium.NEEDED);
		this.apis.start();
		this.portal = PortalServer.start(InetAddress.getLoopbackAddress(), 0, this.apis.intakeUri(),
				this.apis.statusUri(), (customerId, lifetime) -> "token-of-" + customerId, PortalPassword.of(PASSWORD));
		this.wait = new WebDriverWait(browser, Duration.ofSeconds(15));
		browser.manage().deleteAllCookies();
	}

	@AfterEach
	void stopPortal() {
		if (this.portal != null) {
			this.portal.close();
		}
		this.apis.stop();
	}

	@Test
	void aCustomerSignsInAndSeesEachDatabaseWithDesiredAndObservedSettings() throws IOException {
		browser.get(this.portal.url() + "instances.html");
		this.wait.until(ExpectedConditions.urlContains("/signin.html?next=instances.html"));
		field("customer-id").clear();
		field("customer-id").sendKeys("c-1001");
		field("password").sendKeys("not-the-password");
		click("sign-in");
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("password-error"), "not the portal"));
		assertThat(field("password").getAttribute("aria-invalid")).isEqualTo("true");
		field("password").clear();
		Chromium.signIn(browser, "c-1001", PASSWORD);

		assertThat(browser.getCurrentUrl()).endsWith("/instances.html");
		WebElement card = this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("instance-" + ID)));
		this.wait.until(ExpectedConditions.textToBe(By.id("state-" + ID), "RUNNING"));
		assertThat(card.getText()).contains("POSTGRESQL 17", "DE-WEST-1", "127.0.0.1", "5432", "verify-full");
		assertThat(setting("storageGb")).isEqualTo("50 GB | 50 GB");
		assertThat(setting("trustedSources")).isEqualTo("127.0.0.2/32 | 127.0.0.2/32");
		assertThat(setting("deletionProtection")).isEqualTo("off | off");
		assertThat(field("storage-" + ID).getAttribute("value")).isEqualTo("50");
		assertThat(new Select(field("node-size-" + ID)).getFirstSelectedOption().getAttribute("value"))
			.isEqualTo("b2-4");
		click("reveal-" + ID);
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("credentials-" + ID), "s3cret-pw"));
		assertThat(this.apis.authorizations).as("every call with the signed-in customer's token only")
			.isNotEmpty()
			.containsOnly("Bearer token-of-c-1001");
		Chromium.screenshot(browser, "portal-my-databases.png");

		click("sign-out");
		this.wait.until(ExpectedConditions.urlContains("/signin.html"));
		assertThat(Chromium.fetch(browser, "GET", "/v1/instances")).startsWith("401 ").contains("unauthorized");
	}

	@Test
	void growingStorageSendsIfMatchAndANewKeyAndTheCardFollowsTheOrderUntilItIsApplied() {
		openSignedIn();
		field("storage-" + ID).clear();
		field("storage-" + ID).sendKeys("100");
		click("grow-storage-" + ID);

		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("pending-" + ID), "UPDATE order"));
		FakeApis.Post grow = this.apis.posts.get(0);
		assertThat(grow.ifMatch()).isEqualTo("\"1\"");
		assertThat(grow.body().toString()).isEqualTo("{\"type\":\"UPDATE\",\"storageGb\":100}");
		this.wait.until(ExpectedConditions.textToBe(By.id("state-" + ID), "UPDATING"));
		assertThat(setting("storageGb")).isEqualTo("100 GB | 50 GB (not applied yet)");

		this.apis.finishPendingOrder();
		this.wait.until(ExpectedConditions.textToBe(By.id("state-" + ID), "RUNNING"));
		this.wait.until((driver) -> setting("storageGb").equals("100 GB | 100 GB"));
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("last-order-" + ID), "DONE"));

		new Select(field("node-size-" + ID)).selectByValue("b4-8");
		click("change-node-size-" + ID);
		this.wait.until((driver) -> this.apis.posts.size() == 2);
		FakeApis.Post resize = this.apis.posts.get(1);
		assertThat(resize.ifMatch()).as("the ETag of the last GET").isEqualTo("\"2\"");
		assertThat(resize.key()).as("a new action, a new key").isNotEqualTo(grow.key());
	}

	@Test
	void everyRefusalIsShownNextToItsField() {
		openSignedIn();
		field("storage-" + ID).clear();
		field("storage-" + ID).sendKeys("40");
		click("grow-storage-" + ID);
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("storage-" + ID + "-error"),
				"Storage cannot shrink"));
		assertThat(field("storage-" + ID).getAttribute("aria-invalid")).isEqualTo("true");

		click("add-source-" + ID);
		browser.switchTo().activeElement().sendKeys("10.0.0.1/33");
		click("save-sources-" + ID);
		List<WebElement> sources = browser.findElements(By.cssSelector("#sources-" + ID + " .source"));
		this.wait.until(ExpectedConditions.textToBePresentInElement(sources.get(1).findElement(By.className("error")),
				"prefix length"));
		assertThat(sources.get(0).findElement(By.className("error")).getText()).isEmpty();
		assertThat(field("storage-" + ID + "-error").getText()).as("an earlier refusal is cleared").isEmpty();

		this.apis.busyWith = "6a1b2c3d-0000-4000-8000-000000000001";
		click("toggle-protection-" + ID);
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("protection-" + ID + "-general-error"),
				"Another order of this database is in progress: UPDATE order 6a1b2c3d-0000-4000-8000-000000000001"));
		this.apis.busyWith = null;

		this.apis.changeBehindThePortal();
		click("toggle-protection-" + ID);
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("protection-" + ID + "-general-error"),
				"changed meanwhile, so nothing was changed; reloaded"));
		this.wait.until((driver) -> setting("storageGb").equals("150 GB | 150 GB"));
		click("toggle-protection-" + ID);
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("pending-" + ID), "UPDATE order"));
		assertThat(this.apis.posts.get(this.apis.posts.size() - 1).ifMatch()).as("after the reload").isEqualTo("\"2\"");
	}

	@Test
	void aRetryOfAnActionWhoseOutcomeIsOpenSendsTheSameKey() {
		openSignedIn();
		this.apis.unavailableOnce = true;
		new Select(field("node-size-" + ID)).selectByValue("b4-8");
		click("change-node-size-" + ID);
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("node-size-" + ID + "-general-error"),
				"Try again"));
		click("change-node-size-" + ID);
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("pending-" + ID), "UPDATE order"));

		assertThat(this.apis.posts).hasSize(2);
		assertThat(this.apis.posts.get(1).key()).isEqualTo(this.apis.posts.get(0).key());
	}

	@Test
	void deletingNeedsTheTypedInstanceIdAndDeletionProtectionOff() {
		this.apis.desired.put("deletionProtection", true);
		this.apis.observed.put("deletionProtection", true);
		openSignedIn();
		WebElement delete = field("delete-" + ID);
		assertThat(delete.isEnabled()).isFalse();
		field("confirm-" + ID).sendKeys("db-0123456789abcde");
		assertThat(delete.isEnabled()).as("one character short").isFalse();
		field("confirm-" + ID).sendKeys("f");
		assertThat(delete.isEnabled()).isTrue();
		delete.click();
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("confirm-" + ID + "-error"),
				"Deletion protection is on"));

		this.apis.desired.put("deletionProtection", false);
		this.apis.observed.put("deletionProtection", false);
		this.apis.version++;
		browser.navigate().refresh();
		this.wait.until(ExpectedConditions.textToBe(By.id("state-" + ID), "RUNNING"));
		field("confirm-" + ID).sendKeys(ID);
		click("delete-" + ID);
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("pending-" + ID), "DELETE order"));
		assertThat(this.apis.posts.get(this.apis.posts.size() - 1).body().toString())
			.isEqualTo("{\"type\":\"DELETE\",\"confirm\":\"" + ID + "\"}");
		this.apis.finishPendingOrder();
		this.wait.until(ExpectedConditions.textToBe(By.id("state-" + ID), "DELETED"));
		assertThat(text("no-actions-" + ID)).isEqualTo("This database is deleted.");
	}

	private void openSignedIn() {
		browser.get(this.portal.url() + "instances.html");
		Chromium.signIn(browser, "c-1001", PASSWORD);
		this.wait.until(ExpectedConditions.textToBe(By.id("state-" + ID), "RUNNING"));
		this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("grow-storage-" + ID)));
	}

	private static WebElement field(String id) {
		return browser.findElement(By.id(id));
	}

	private static void click(String id) {
		field(id).click();
	}

	private static String text(String id) {
		return field(id).getText();
	}

	/** A row of the settings table: {@code desired | observed}. */
	private static String setting(String name) {
		try {
			WebElement row = field("setting-" + ID + "-" + name);
			return row.findElement(By.className("desired")).getText() + " | "
					+ row.findElement(By.className("observed")).getText();
		}
		catch (StaleElementReferenceException ex) {
			// The card re-rendered between the two reads; a wait asks again.
			return "";
		}
	}

	/**
	 * order-intake and status-service as docs/lifecycle.md describes them, for one
	 * instance of customer c-1001: each change order is checked against the current
	 * version (If-Match) and the catalog's storage rule, then pending until the test
	 * finishes it.
	 */
	static final class FakeApis {

		record Post(String key, String ifMatch, JsonNode body) {
		}

		final List<Post> posts = new CopyOnWriteArrayList<>();

		final List<String> authorizations = new CopyOnWriteArrayList<>();

		final Map<String, Object> desired = new LinkedHashMap<>(Map.of("nodeSize", "b2-4", "storageGb", 50,
				"trustedSources", List.of("127.0.0.2/32"), "deletionProtection", false));

		final Map<String, Object> observed = new LinkedHashMap<>(this.desired);

		final Map<String, Map<String, Object>> orders = new ConcurrentHashMap<>();

		volatile int version = 1;

		volatile String state = "RUNNING";

		volatile String pendingOrderId;

		volatile String busyWith;

		volatile boolean unavailableOnce;

		private HttpServer intake;

		private HttpServer status;

		void start() throws IOException {
			this.intake = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			this.status = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			this.intake.createContext("/", this::intake);
			this.status.createContext("/", this::status);
			this.intake.start();
			this.status.start();
		}

		void stop() {
			if (this.intake != null) {
				this.intake.stop(0);
				this.status.stop(0);
			}
		}

		URI intakeUri() {
			return URI.create("http://localhost:" + this.intake.getAddress().getPort());
		}

		URI statusUri() {
			return URI.create("http://localhost:" + this.status.getAddress().getPort());
		}

		/** Another client changed the instance: the portal's ETag is stale. */
		synchronized void changeBehindThePortal() {
			this.desired.put("storageGb", 150);
			this.observed.put("storageGb", 150);
			this.version++;
		}

		synchronized void finishPendingOrder() {
			Map<String, Object> order = this.orders.get(this.pendingOrderId);
			order.put("status", "DONE");
			if ("DELETE".equals(order.get("type"))) {
				this.state = "DELETED";
			}
			else {
				this.state = "RUNNING";
				this.observed.putAll(this.desired);
			}
			this.pendingOrderId = null;
		}

		private void intake(HttpExchange exchange) throws IOException {
			this.authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
			String path = exchange.getRequestURI().getPath();
			if (path.equals("/v1/catalog")) {
				answer(exchange, 200,
						Map.of("storage", Map.of("minGb", 50, "maxGb", 500, "stepGb", 50), "nodeSizes",
								List.of(Map.of("id", "b2-4", "series", "BASIC", "vcpu", 2, "ramGb", 4),
										Map.of("id", "b4-8", "series", "BASIC", "vcpu", 4, "ramGb", 8)),
								"trustedSources", Map.of("maxEntries", 50)));
				return;
			}
			if (!path.equals("/v1/instances/" + ID + "/orders")) {
				answer(exchange, 404, problem("not-found", 404, "no such path"));
				return;
			}
			JsonNode body = JSON.readTree(exchange.getRequestBody());
			this.posts.add(new Post(exchange.getRequestHeaders().getFirst("Idempotency-Key"),
					exchange.getRequestHeaders().getFirst("If-Match"), body));
			synchronized (this) {
				if (this.unavailableOnce) {
					this.unavailableOnce = false;
					exchange.getResponseHeaders().set("Retry-After", "1");
					answer(exchange, 503, problem("service-unavailable", 503, "The database is unreachable"));
					return;
				}
				if (this.busyWith != null) {
					Map<String, Object> busy = problem("instance-busy", 409, "Another order is in progress");
					busy.put("blockingOrderId", this.busyWith);
					busy.put("blockingOrderType", "UPDATE");
					answer(exchange, 409, busy);
					return;
				}
				String ifMatch = exchange.getRequestHeaders().getFirst("If-Match");
				if (ifMatch != null && !ifMatch.equals("\"" + this.version + "\"")) {
					Map<String, Object> stale = problem("precondition-failed", 412, "The instance changed");
					stale.put("currentETag", "\"" + this.version + "\"");
					answer(exchange, 412, stale);
					return;
				}
				List<Map<String, Object>> errors = new ArrayList<>();
				if (body.has("storageGb") && body.get("storageGb").asInt() < (Integer) this.desired.get("storageGb")) {
					errors.add(error("/storageGb", "storage-shrinks",
							"Storage cannot shrink: it is " + this.desired.get("storageGb") + " GB."));
				}
				if (body.has("trustedSources")) {
					for (int i = 0; i < body.get("trustedSources").size(); i++) {
						if (body.get("trustedSources").get(i).asString().endsWith("/33")) {
							errors.add(error("/trustedSources/" + i, "invalid-trusted-source",
									"An IPv4 prefix length is 0 to 32."));
						}
					}
				}
				boolean delete = "DELETE".equals(body.get("type").asString());
				if (delete && Boolean.TRUE.equals(this.desired.get("deletionProtection"))) {
					answer(exchange, 409, problem("deletion-protected", 409, "Deletion protection is on"));
					return;
				}
				if (!errors.isEmpty()) {
					Map<String, Object> invalid = problem("invalid-order", 422, "The order breaks catalog rules");
					invalid.put("errors", errors);
					answer(exchange, 422, invalid);
					return;
				}
				String orderId = UUID.randomUUID().toString();
				this.version++;
				for (String setting : List.of("storageGb", "nodeSize", "trustedSources", "deletionProtection")) {
					if (body.has(setting)) {
						this.desired.put(setting, JSON.treeToValue(body.get(setting), Object.class));
					}
				}
				this.state = delete ? "DELETING" : "UPDATING";
				this.pendingOrderId = orderId;
				this.orders.put(orderId, new ConcurrentHashMap<>(Map.of("orderId", orderId, "instanceId", ID, "type",
						delete ? "DELETE" : "UPDATE", "status", "PROCESSING")));
				exchange.getResponseHeaders().set("ETag", "\"" + this.version + "\"");
				answer(exchange, 202, Map.of("orderId", orderId, "instanceId", ID, "type", delete ? "DELETE" : "UPDATE",
						"status", "NEW"));
			}
		}

		private void status(HttpExchange exchange) throws IOException {
			this.authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
			String path = exchange.getRequestURI().getPath();
			if (path.equals("/v1/instances")) {
				answer(exchange, 200, Map.of("items", List.of(instance())));
			}
			else if (path.equals("/v1/instances/" + ID)) {
				exchange.getResponseHeaders().set("ETag", "\"" + this.version + "\"");
				answer(exchange, 200, instance());
			}
			else if (path.equals("/v1/instances/" + ID + "/credentials")) {
				answer(exchange, 200, Map.of("instanceId", ID, "username", "admin", "password", "s3cret-pw", "host",
						"127.0.0.1", "port", 5432));
			}
			else if (path.startsWith("/v1/orders/") && this.orders.containsKey(path.substring(11))) {
				Map<String, Object> order = this.orders.get(path.substring(11));
				String etag = "\"" + order.get("status") + "\"";
				if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
					// A short long poll: nothing changed.
					try {
						Thread.sleep(300);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
					exchange.getResponseHeaders().set("ETag", etag);
					exchange.sendResponseHeaders(304, -1);
					exchange.close();
					return;
				}
				exchange.getResponseHeaders().set("ETag", etag);
				answer(exchange, 200, order);
			}
			else {
				answer(exchange, 404, problem("order-not-found", 404, "No such order"));
			}
		}

		private synchronized Map<String, Object> instance() {
			Map<String, Object> instance = new LinkedHashMap<>();
			instance.put("instanceId", ID);
			instance.put("customerId", "c-1001");
			instance.put("state", this.state);
			instance.put("databaseType", "POSTGRESQL");
			instance.put("databaseVersion", "17");
			instance.put("region", "DE-WEST-1");
			instance.put("desired", new LinkedHashMap<>(this.desired));
			instance.put("observed", new LinkedHashMap<>(this.observed));
			if (this.pendingOrderId != null) {
				Map<String, Object> order = this.orders.get(this.pendingOrderId);
				instance.put("pendingOrder", Map.of("orderId", this.pendingOrderId, "type", order.get("type"), "status",
						order.get("status"), "statusUrl", "/v1/orders/" + this.pendingOrderId));
			}
			if (!this.state.equals("DELETED")) {
				instance.put("connection", Map.of("host", "127.0.0.1", "port", 5432, "sslmode", "verify-full"));
			}
			return instance;
		}

		private static Map<String, Object> problem(String kind, int status, String detail) {
			Map<String, Object> problem = new LinkedHashMap<>();
			problem.put("type", "https://dbaas.example/problems/" + kind);
			problem.put("status", status);
			problem.put("detail", detail);
			return problem;
		}

		private static Map<String, Object> error(String pointer, String code, String detail) {
			return Map.of("pointer", pointer, "code", code, "detail", detail);
		}

		private static void answer(HttpExchange exchange, int code, Object body) throws IOException {
			byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders()
				.set("Content-Type", (code >= 400) ? "application/problem+json" : "application/json");
			exchange.sendResponseHeaders(code, bytes.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		}

	}

}
