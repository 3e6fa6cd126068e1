package dev.strongroom.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strongroom.catalog.H2PassOnly;
import dev.strongroom.support.AlteringRelay;
import dev.strongroom.support.Browser;
import dev.strongroom.support.Samples;
import dev.strongroom.support.Vault;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The upload page sends the SHA-256 the browser computed, so a file whose bytes change between the
 * browser and the vault is refused with a 422 and nothing is stored. The browser reaches the vault
 * through a relay that changes one amount in the file on the way.
 */
@H2PassOnly("the browser's digest of an upload; RawBodyUploadTest refuses a changed body on PostgreSQL")
@QuarkusTest
class UploadDigestBrowserTest {

    private static final String SENT = "Total due: 0042.00 EUR";
    private static final String ARRIVED = "Total due: 9942.00 EUR";

    @TestHTTPResource("/")
    URL root;

    @TempDir
    Path dir;

    private AlteringRelay relay;
    private Browser browser;

    @BeforeEach
    void start() throws IOException {
        Browser.requireChromium();
        relay = new AlteringRelay(root.getPort(), SENT, ARRIVED);
        browser = Browser.start(relay.port());
    }

    @AfterEach
    void stop() throws IOException {
        if (browser != null) {
            browser.close();
        }
        if (relay != null) {
            relay.close();
        }
    }

    @Test
    void aFileAlteredOnTheWayIsRefusedWith422AndNotStored() throws IOException {
        String analyst = Vault.user("alice", "analyst");
        byte[] invoice = ("Invoice 2026-311\n" + SENT + "\n").getBytes(StandardCharsets.UTF_8);

        WebElement result = upload(analyst, "invoice-311.txt", invoice);

        assertEquals(1, relay.alterations(), "the relay changed the amount on the way");
        assertTrue(result.getAttribute("class").contains("failed"), result.getText());
        String status = result.findElement(By.cssSelector(".status")).getText();
        assertTrue(status.startsWith("Not stored: 422 Digest mismatch."), status);
        assertTrue(status.contains("The file's SHA-256 is " + Samples.sha256(("Invoice 2026-311\n" + ARRIVED + "\n")
                .getBytes(StandardCharsets.UTF_8)) + " but the client sent " + Samples.sha256(invoice)), status);
        Samples.assertNoDocuments(analyst);
    }

    @Test
    void aFileThatArrivesIntactIsStoredWithTheDigestTheBrowserComputed() throws IOException {
        String analyst = Vault.user("alice", "analyst");
        byte[] invoice = "Invoice 2026-312\nTotal due: 17.00 EUR\n".getBytes(StandardCharsets.UTF_8);

        WebElement result = upload(analyst, "invoice-312.txt", invoice);

        assertEquals(0, relay.alterations());
        assertTrue(result.getAttribute("class").contains("done"), result.getText());
        assertEquals(Samples.sha256(invoice), result.findElement(By.cssSelector("code.sha256")).getText());
        assertTrue(result.getText().contains("computed by your browser, confirmed by the vault"), result.getText());
        Vault.as(analyst).get("/api/documents").then().statusCode(200)
                .body("items[0].sha256", org.hamcrest.Matchers.equalTo(Samples.sha256(invoice)));
    }

    private WebElement upload(String analyst, String name, byte[] bytes) throws IOException {
        Path file = Files.write(dir.resolve(name), bytes);
        browser.signIn(analyst, Vault.PASSWORD);
        browser.open("/upload");
        browser.find("#files").sendKeys(file.toAbsolutePath().toString());
        browser.waitForText("#chosen", "1 file ready");
        browser.find("#upload-button").click();
        browser.waiting().until(d -> d.findElements(By.cssSelector("#upload-results li")).stream()
                .anyMatch(li -> li.getAttribute("class").contains("done") || li.getAttribute("class").contains("failed")));
        return browser.find("#upload-results li");
    }
}
