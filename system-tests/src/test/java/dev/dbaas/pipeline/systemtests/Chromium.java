package dev.dbaas.pipeline.systemtests;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Headless Chromium for the portal's browser tests (Debian's {@code chromium} and
 * {@code chromium-driver}), as {@link PortalBrowserEndToEndTest} drives it: both paths
 * given, so that Selenium Manager never looks for (or downloads) a browser. Without the
 * browser a test is skipped with a message that names the packages, except with
 * {@code CI=true}, where a missing browser fails.
 */
final class Chromium {

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	static final Path SCREENSHOTS = Path.of("target", "screenshots");

	static final String NEEDED = "%s and %s are needed: apt-get install -y --no-install-recommends chromium chromium-driver"
		.formatted(CHROMIUM, CHROMEDRIVER);

	private static final Logger log = LoggerFactory.getLogger(Chromium.class);

	private Chromium() {
	}

	/**
	 * Whether the browser is installed; with {@code CI=true} a missing one fails the
	 * test.
	 * @return {@code true} if the test can run
	 */
	static boolean installed() {
		boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			assertThat(installed).as("%s (CI=true, so the browser test must run)", NEEDED).isTrue();
		}
		if (!installed) {
			log.warn("Skipping the portal's browser test: {}", NEEDED);
		}
		return installed;
	}

	/**
	 * Starts the browser.
	 * @param profile an empty directory for its profile
	 * @return the driver
	 */
	static WebDriver start(Path profile) {
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--user-data-dir=" + profile, "--window-size=1280,1000", "--lang=en-GB");
		ChromeDriverService driver = new ChromeDriverService.Builder()
			.usingDriverExecutable(new File(CHROMEDRIVER.toString()))
			.usingAnyFreePort()
			.build();
		WebDriver browser = new ChromeDriver(driver, options);
		browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
		return browser;
	}

	/**
	 * Signs in on the portal's sign-in page, where a page without a session sends the
	 * browser, and waits to be sent back.
	 * @param browser the browser, on any portal page
	 * @param customerId the customer
	 * @param password the launcher's portal password
	 */
	static void signIn(WebDriver browser, String customerId, String password) {
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
		wait.until(ExpectedConditions.urlContains("/signin.html"));
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in-form")));
		browser.findElement(By.id("customer-id")).clear();
		browser.findElement(By.id("customer-id")).sendKeys(customerId);
		browser.findElement(By.id("password")).sendKeys(password);
		browser.findElement(By.id("sign-in")).click();
		wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/signin.html")));
		wait.until(ExpectedConditions.textToBe(By.id("signed-in-as"), customerId));
	}

	/**
	 * What a {@code fetch} from the page answers: status and body.
	 * @param browser the browser, on a portal page
	 * @param method the method
	 * @param path the path on the portal
	 * @return {@code <status> <body>}
	 */
	static String fetch(WebDriver browser, String method, String path) {
		return (String) ((JavascriptExecutor) browser).executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				fetch(arguments[1], { method: arguments[0], headers: { Accept: 'application/json' } })
					.then(async (r) => done(r.status + ' ' + await r.text()), (e) => done('failed ' + e));
				""", method, path);
	}

	/**
	 * Full-page screenshot into {@link #SCREENSHOTS}.
	 * @param browser the browser
	 * @param name the file name
	 * @throws IOException if it cannot be written
	 */
	static void screenshot(WebDriver browser, String name) throws IOException {
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
