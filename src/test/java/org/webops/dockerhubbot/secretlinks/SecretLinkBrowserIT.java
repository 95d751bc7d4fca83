package org.webops.dockerhubbot.secretlinks;

import org.webops.dockerhubbot.testing.External;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, driven by Selenium, reveals a real link: click Reveal, read the decrypted
 * fields, reload and see the gone page. A missing Chromium fails
 * the run in CI (see {@link External}).
 */
class SecretLinkBrowserIT {
  private static final File CHROMIUM = new File("/usr/bin/chromium");
  private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

  @TempDir Path dir;

  private static WebDriver chromium(Path profile) {
    External.require("Chromium", CHROMIUM.canExecute() && CHROMEDRIVER.canExecute(),
        "apt-get install -y chromium chromium-driver; expected /usr/bin/chromium and"
            + " /usr/bin/chromedriver");
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER).build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--no-first-run",
        "--user-data-dir=" + profile);
    return new ChromeDriver(service, options);
  }

  @Test
  void reveal_inChromium_showsDecryptedFieldsOnceThenGonePage() throws Exception {
    long started = System.nanoTime();
    try (TestServer server = new TestServer(dir.resolve("db"), ClaimRateLimiter.defaults())) {
      // given
      SecretLink link =
          server.links.create(SecretLinksTest.PAYLOAD, "U0AUDIENCE", server.requestId,
              Duration.ofHours(24));
      WebDriver browser = chromium(Files.createDirectories(dir.resolve("profile")));
      try {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        long browsing = System.nanoTime();
        browser.get(link.url().toString());
        assertEquals("#" + server.requestId,
            browser.findElement(By.id("request-id")).getText());
        assertEquals("gh/org/repo", browser.findElement(By.id("pipeline")).getText());
        assertEquals(List.of(), server.events, "opening the page claims nothing");

        // when
        browser.findElement(By.id("reveal")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("field-3")));

        // then
        List<String> values =
            browser.findElements(By.cssSelector("dd.value code")).stream()
                .map(WebElement::getText)
                .toList();
        List<String> expected =
            SecretLinksTest.PAYLOAD.fields().stream().map(SecretPayload.Field::value).toList();
        assertEquals(expected, values);
        assertEquals(4, browser.findElements(By.cssSelector("dd button.copy")).size());
        assertTrue(browser.findElement(By.id("snippet")).getText()
            .contains("password: $DOCKER_ACCESS_TOKEN"));
        assertFalse(browser.getCurrentUrl().contains("#"), "the key leaves the address bar");
        assertEquals(List.of("claimed " + link.id()), server.events);

        // and when the page is reloaded (with its key, as a second visitor would)
        browser.get(link.url().toString());
        browser.navigate().refresh();

        // then
        assertEquals("This link is gone", browser.findElement(By.tagName("h1")).getText());
        assertTrue(browser.findElements(By.id("reveal")).isEmpty());
        System.out.println("SecretLinkBrowserIT: open, reveal, read, reload took "
            + (System.nanoTime() - browsing) / 1_000_000 + " ms");
      } finally {
        browser.quit();
      }
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    System.out.println("SecretLinkBrowserIT: whole test (database, server, Chromium start) took " + millis + " ms");
  }
}
