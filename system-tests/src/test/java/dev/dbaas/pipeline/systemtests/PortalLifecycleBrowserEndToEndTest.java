package dev.dbaas.pipeline.systemtests;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import dev.dbaas.pipeline.devstack.DevStack;
import dev.dbaas.pipeline.devstack.DevStackOptions;
import org.junit.jupiter.api.AfterAll;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 18's portal in a real browser against the whole launcher (simulated backend):
 * customer c-1001 signs in, orders a database with the wizard, opens My databases, sees
 * it reach RUNNING, grows its storage until the observed size matches, gets a shrink and
 * a bad trusted source refused next to their fields, and deletes it with the instance id
 * typed to confirm. Needs order-intake's change orders and status-service's instance
 * states of docs/lifecycle.md. Screenshots go to {@code target/screenshots/}.
 */
class PortalLifecycleBrowserEndToEndTest {

	@TempDir
	static Path dataDir;

	@TempDir
	static Path browserProfile;

	static DevStack stack;

	static WebDriver browser;

	static boolean browserInstalled;

	@BeforeAll
	static void startPipelineAndBrowser() {
		browserInstalled = Chromium.installed();
		if (!browserInstalled) {
			return;
		}
		stack = DevStack.start(DevStackOptions.defaults()
			.withDataDir(dataDir)
			.withPorts(0, 0, 0, 0, 0)
			.withPortalPort(0)
			.withServiceProperties(
					Map.of("provisioner.backend", "simulation", "provisioner.simulation.step-latency", "50ms")));
		browser = Chromium.start(browserProfile);
	}

	@BeforeEach
	void needsTheBrowser() {
		assumeTrue(browserInstalled, () -> "Browser test skipped: " + Chromium.NEEDED);
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
	void customerOrdersGrowsAndDeletesADatabaseOnMyDatabases() throws IOException {
		browser.get(stack.portalUrl() + "instances.html");
		Chromium.signIn(browser, "c-1001", stack.portalPassword().reveal());
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("list-state"), "No databases yet"));

		browser.get(stack.portalUrl() + "index.html");
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("order-form")));
		click("db-POSTGRESQL");
		new Select(field("db-version")).selectByValue("17");
		click("node-b2-4");
		field("ts-input-0").sendKeys("123.123.123.123/32");
		click("region-DE-WEST-1");
		field("invoice-existing-id").sendKeys("inv-7781");
		for (WebElement document : browser.findElements(By.cssSelector("#document-list input[type=checkbox]"))) {
			document.click();
		}
		click("place-order");
		wait.until(ExpectedConditions.elementToBeClickable(By.id("open-database"))).click();

		wait.until(ExpectedConditions.urlContains("instances.html?instance=db-"));
		String id = browser.getCurrentUrl().replaceAll(".*instance=", "");
		new WebDriverWait(browser, Duration.ofSeconds(60))
			.until(ExpectedConditions.textToBe(By.id("state-" + id), "RUNNING"));
		assertThat(field("instance-" + id).getText()).contains("POSTGRESQL 17", "DE-WEST-1");
		assertThat(setting(id, "storageGb")).startsWith("50 GB | ");
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("grow-storage-" + id)));
		Chromium.screenshot(browser, "portal-lifecycle-running.png");

		field("storage-" + id).clear();
		field("storage-" + id).sendKeys("100");
		click("grow-storage-" + id);
		wait.until(
				ExpectedConditions.textToBePresentInElementLocated(By.id("storage-" + id + "-note"), "UPDATE order"));
		new WebDriverWait(browser, Duration.ofSeconds(60))
			.until((driver) -> setting(id, "storageGb").equals("100 GB | 100 GB"));
		wait.until(ExpectedConditions.textToBe(By.id("state-" + id), "RUNNING"));
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("last-order-" + id), "DONE"));

		field("storage-" + id).clear();
		field("storage-" + id).sendKeys("50");
		click("grow-storage-" + id);
		wait.until((driver) -> !field("storage-" + id + "-error").getText().isEmpty());
		assertThat(field("storage-" + id).getAttribute("aria-invalid")).isEqualTo("true");

		WebElement source = browser.findElement(By.cssSelector("#sources-" + id + " .source input"));
		source.clear();
		source.sendKeys("123.123.123.124/33");
		click("save-sources-" + id);
		WebElement sourceError = browser.findElement(By.cssSelector("#sources-" + id + " .source .error"));
		wait.until((driver) -> !sourceError.getText().isEmpty());
		assertThat(field("storage-" + id + "-error").getText()).as("the earlier refusal is cleared").isEmpty();
		Chromium.screenshot(browser, "portal-lifecycle-refusal.png");

		WebElement delete = field("delete-" + id);
		assertThat(delete.isEnabled()).as("before the id is typed").isFalse();
		field("confirm-" + id).sendKeys(id);
		delete.click();
		new WebDriverWait(browser, Duration.ofSeconds(60))
			.until(ExpectedConditions.textToBe(By.id("state-" + id), "DELETED"));
		assertThat(field("no-actions-" + id).getText()).isEqualTo("This database is deleted.");
		Chromium.screenshot(browser, "portal-lifecycle-deleted.png");
	}

	private static WebElement field(String id) {
		return browser.findElement(By.id(id));
	}

	private static void click(String id) {
		field(id).click();
	}

	private static String setting(String id, String name) {
		try {
			WebElement row = field("setting-" + id + "-" + name);
			return row.findElement(By.className("desired")).getText() + " | "
					+ row.findElement(By.className("observed")).getText();
		}
		catch (StaleElementReferenceException ex) {
			// The card re-rendered between the two reads; a wait asks again.
			return "";
		}
	}

}
