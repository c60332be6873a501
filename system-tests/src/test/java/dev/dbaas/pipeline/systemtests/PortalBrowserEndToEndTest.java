package dev.dbaas.pipeline.systemtests;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;

import dev.dbaas.pipeline.devstack.DevStack;
import dev.dbaas.pipeline.devstack.DevStackOptions;
import dev.dbaas.pipeline.testkit.fixtures.Orders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The portal in a real browser: headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}) signs customer c-1001 in, walks the order wizard against the
 * whole pipeline, gets a trusted source rejected by the order API, fixes it, places the
 * order and watches it reach DONE on the order-status page, which shows c-1001's orders
 * only; another customer's order and instance are not found through the portal. Takes its
 * screenshots in {@code target/screenshots/}; the pictures in {@code docs/} are copies of
 * them, committed by hand.
 *
 * <p>
 * Without the browser it is skipped with a message that names the packages to install,
 * except with {@code CI=true}: CI installs the browser, so there a missing one fails.
 */
class PortalBrowserEndToEndTest {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private static final Logger log = LoggerFactory.getLogger(PortalBrowserEndToEndTest.class);

	private static final String NEEDED = "%s and %s are needed: apt-get install -y --no-install-recommends chromium chromium-driver"
		.formatted(CHROMIUM, CHROMEDRIVER);

	@TempDir
	static Path dataDir;

	@TempDir
	static Path browserProfile;

	static DevStack stack;

	static WebDriver browser;

	static boolean browserInstalled;

	@BeforeAll
	static void startPipelineAndBrowser() {
		browserInstalled = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			assertThat(browserInstalled).as("%s (CI=true, so the browser test must run)", NEEDED).isTrue();
		}
		if (!browserInstalled) {
			log.warn("Skipping the portal's browser test: {}", NEEDED);
			return;
		}
		stack = DevStack.start(DevStackOptions.defaults()
			.withDataDir(dataDir)
			.withPorts(0, 0, 0, 0, 0)
			.withPortalPort(0)
			.withServiceProperties(Map.of("provisioner.backend", "simulation", "provisioner.simulation.step-latency",
					"50ms", "provisioner.simulation.region-capacity[DE-NORTH-2]", "0")));
		ChromeOptions options = new ChromeOptions();
		// Both paths given, so Selenium Manager never looks for (or downloads) a browser.
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--user-data-dir=" + browserProfile, "--window-size=1280,1000", "--lang=en-GB");
		ChromeDriverService driver = new ChromeDriverService.Builder()
			.usingDriverExecutable(new File(CHROMEDRIVER.toString()))
			.usingAnyFreePort()
			.build();
		browser = new ChromeDriver(driver, options);
		browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
	}

	@BeforeEach
	void needsTheBrowser() {
		assumeTrue(browserInstalled, () -> "Browser test skipped: " + NEEDED);
	}

	@AfterAll
	static void stopBrowserAndPipeline() {
		if (browser != null) {
			browser.quit();
		}
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	void customerFixesARejectedTrustedSourcePlacesTheOrderAndWatchesItReachDone() throws IOException {
		PipelineClient api = new PipelineClient(stack);
		PipelineClient.Response failing = api.placeOrder(PipelineClient.exampleOrder("DE-NORTH-2"));
		assertThat(failing.status()).as(failing.raw()).isEqualTo(202);

		PipelineClient.Response otherCustomers = api
			.placeOrder(Orders.aValidOrder().withCustomerId("c-2002").withRegion("DE-WEST-1").toJson());
		assertThat(otherCustomers.status()).as(otherCustomers.raw()).isEqualTo(202);

		assertThat(stack.banner()).contains(stack.portalUrl().toString(), stack.portalPassword().reveal());
		browser.get(stack.portalUrl().toString());
		Chromium.signIn(browser, "c-1001", stack.portalPassword().reveal());
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("order-form")));
		assertThat(field("customer-id").getAttribute("value")).isEqualTo("c-1001");
		assertThat(field("customer-id").getAttribute("readonly")).as("the session's customer").isNotNull();

		click("db-MARIADB");
		new Select(field("db-version")).selectByValue("10.11");
		click("node-b4-8");
		field("storage").sendKeys(Keys.ARROW_RIGHT);
		assertThat(field("storage-value").getText()).as("one 50 GB step up from the minimum").isEqualTo("100 GB");
		field("ts-input-0").sendKeys("123.123.123.123");
		click("add-source");
		assertThat(browser.switchTo().activeElement().getAttribute("id")).as("the new entry has the focus")
			.isEqualTo("ts-input-1");
		browser.switchTo().activeElement().sendKeys("222.222.222.130/28");
		click("add-source");
		browser.switchTo().activeElement().sendKeys("198.51.100.7");
		click("ts-remove-2");
		assertThat(browser.findElements(By.cssSelector("#trusted-sources input"))).as("entries after one was removed")
			.hasSize(2);
		click("region-DE-WEST-1");
		field("invoice-existing-id").sendKeys("inv-7781");

		WebElement placeOrder = field("place-order");
		assertThat(placeOrder.isEnabled()).as("Place order before the documents are accepted").isFalse();
		for (WebElement document : browser.findElements(By.cssSelector("#document-list input[type=checkbox]"))) {
			document.click();
		}
		assertThat(placeOrder.isEnabled()).as("Place order after the documents are accepted").isTrue();
		assertThat(field("summary").getText()).contains("MariaDB 10.11", "b4-8", "4 vCPU", "8 GB RAM", "100 GB",
				"123.123.123.123, 222.222.222.130/28", "Cologne (DE-WEST-1)", "existing: inv-7781");

		placeOrder.click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("ts-error-1"), "did you mean"));
		assertThat(field("ts-error-1").getText()).contains("did you mean 222.222.222.128/28?");
		assertThat(field("ts-input-1").getAttribute("aria-invalid")).isEqualTo("true");
		assertThat(field("ts-error-0").getText()).as("the accepted entry has no message").isEmpty();
		assertThat(field("problems").getText()).contains("1 problem");
		screenshot("portal-wizard.png");

		WebElement rejected = field("ts-input-1");
		rejected.clear();
		rejected.sendKeys("222.222.222.128/28");
		placeOrder.click();
		WebElement follow = wait.until(ExpectedConditions.elementToBeClickable(By.id("follow-order")));
		String orderId = field("placed-order-id").getText();
		assertThat(field("ts-error-1").getText()).isEmpty();

		follow.click();
		By row = By.id("order-" + orderId);
		new WebDriverWait(browser, Duration.ofSeconds(60))
			.until(ExpectedConditions.attributeToBe(row, "data-status", "DONE"));
		WebElement done = browser.findElement(row);
		assertThat(done.findElement(By.className("status")).getText()).isEqualTo("DONE");
		assertThat(done.getText()).contains("MARIADB 10.11", "b4-8 · 100 GB", "DE-WEST-1", "Ready at db-");
		By failed = By.id("order-" + failing.text("orderId"));
		wait.until(ExpectedConditions.attributeToBe(failed, "data-status", "FAILED"));
		assertThat(browser.findElement(failed).getText()).contains("REGION_CAPACITY_EXHAUSTED");
		assertThat(field("announcer").getAttribute("aria-live")).as("status changes are announced").isEqualTo("polite");
		assertThat(browser.findElements(By.id("order-" + otherCustomers.text("orderId"))))
			.as("another customer's order is not listed")
			.isEmpty();
		screenshot("portal-status.png");

		String otherOrder = otherCustomers.text("orderId");
		assertThat(Chromium.fetch(browser, "GET", "/v1/orders/" + otherOrder)).as("c-2002's order read by c-1001")
			.startsWith("404 ");
		assertThat(Chromium.fetch(browser, "GET", "/v1/instances/" + otherCustomers.text("instanceId")))
			.as("c-2002's instance read by c-1001")
			.startsWith("404 ");
		assertThat(Chromium.fetch(browser, "GET", "/v1/orders?customerId=c-2002")).as("c-2002's order list")
			.startsWith("403 ");
		assertThat(Chromium.fetch(browser, "GET", "/v1/instances")).startsWith("200 ")
			.contains("\"customerId\":\"c-1001\"")
			.doesNotContain("c-2002");
		assertThat(Chromium.fetch(browser, "GET", "/v1/orders/" + orderId)).as("c-1001's own order").startsWith("200 ");
	}

	private static WebElement field(String id) {
		return browser.findElement(By.id(id));
	}

	private static void click(String id) {
		field(id).click();
	}

	/** Full-page screenshot into {@link #SCREENSHOTS}. */
	private static void screenshot(String name) throws IOException {
		Dimension window = browser.manage().window().getSize();
		long height = (Long) ((JavascriptExecutor) browser)
			.executeScript("return Math.ceil(document.documentElement.scrollHeight)");
		browser.manage().window().setSize(new Dimension(window.getWidth(), (int) Math.min(height + 140, 4000)));
		try {
			Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
			Files.createDirectories(SCREENSHOTS);
			Files.copy(shot, SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
		}
		finally {
			browser.manage().window().setSize(window);
		}
	}

}
