package dev.strongroom.web;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strongroom.catalog.H2PassOnly;
import dev.strongroom.support.Browser;
import dev.strongroom.support.Samples;
import dev.strongroom.support.Vault;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.Reader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The web interface in a real browser (Debian's headless Chromium), as analysts, auditors, ops and
 * admins use it. The tests run in order because the auditor's test looks at what the analyst did in
 * the first one, as a person reviewing the trail would.
 */
@H2PassOnly("the pages in Chromium; the API tests run the queries behind them on PostgreSQL")
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserTest {

    static final String XSS_NAME = "<img src=x onerror=alert(1)>.pdf";

    @TestHTTPResource("/")
    URL root;

    @TempDir
    static Path files;

    static Browser browser;

    /** What the analyst of the first test did, for the auditor of the third. */
    static String analyst;
    static String pdfId;
    static String bigId;
    static String downloadedId;

    @BeforeEach
    void startBrowser() {
        // Per test, so that a machine without Chromium reports every browser test as skipped.
        Browser.requireChromium();
        if (browser == null) {
            browser = Browser.start(root.getPort());
        }
        browser.driver().manage().deleteAllCookies();
        browser.clearDownloads();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    @Test
    @Order(1)
    void analystUploadsTwoFilesSeesProgressAndHashesFindsThemAndDownloadsOne() throws IOException {
        analyst = Vault.user("alice", "analyst");
        byte[] pdf = Samples.pdf("Taxi receipt 42.00 EUR");
        byte[] big = Samples.text(5_000_000);
        Path pdfFile = write("taxi-receipt.pdf", pdf);
        Path bigFile = write("ledger-5mb.txt", big);

        browser.open("/login");
        browser.screenshot("01-sign-in");
        browser.signIn(analyst, Vault.PASSWORD);
        browser.screenshot("02-start-analyst");

        browser.open("/upload");
        browser.screenshot("03-upload-empty");
        new org.openqa.selenium.support.ui.Select(browser.find("#retentionClass")).selectByValue("receipt");
        browser.find("#description").sendKeys("Trip to the audit committee");
        browser.find("#tags").sendKeys("travel, q4");
        browser.find("#files").sendKeys(pdfFile.toAbsolutePath() + "\n" + bigFile.toAbsolutePath());
        browser.waitForText("#chosen", "2 files ready");
        browser.find("#upload-button").click();

        List<WebElement> items = waitForResults(2);
        Map<String, WebElement> byName = byName(items);
        assertResultStored(byName.get("taxi-receipt.pdf"), Samples.sha256(pdf));
        assertResultStored(byName.get("ledger-5mb.txt"), Samples.sha256(big));
        pdfId = documentId(byName.get("taxi-receipt.pdf"));
        bigId = documentId(byName.get("ledger-5mb.txt"));
        browser.screenshot("04-upload-results");

        browser.open("/documents");
        assertTrue(browser.mainText().contains("taxi-receipt.pdf"));
        assertTrue(browser.mainText().contains("ledger-5mb.txt"));
        assertEquals(2, browser.findAll("table tbody tr").size(), "the analyst's list has exactly the two uploads");
        assertTrue(browser.mainText().contains("pending"), "backup state is shown as pending");
        browser.screenshot("05-documents-analyst");

        browser.open("/documents?q=ledger");
        assertEquals(1, browser.findAll("table tbody tr").size(), "search narrows the list");
        browser.find("a.doc-name").click();
        browser.waitForText("#sha256", Samples.sha256(big));
        assertTrue(browser.mainText().contains("Trip to the audit committee"));
        browser.screenshot("06-document-analyst");
        browser.find("#download").click();
        Path downloaded = browser.awaitDownload("ledger-5mb.txt");
        assertArrayEquals(big, Files.readAllBytes(downloaded), "the downloaded bytes are the uploaded bytes");
        downloadedId = bigId;
    }

    @Test
    @Order(2)
    void aFileOverTheSizeLimitShowsThe413NextToItWhileTheOtherIsStored() throws IOException {
        String bob = Vault.user("bob", "analyst");
        // Just over the limit: refused while streaming. Far over it: refused from Content-Length alone,
        // before the body is read, which the browser must still report as the vault's 413.
        Path tooBigFile = write("scan-too-big.txt", Samples.text(6_000_000));
        Path farTooBigFile = write("scan-far-too-big.txt", Samples.text(7_500_000));
        byte[] small = Samples.pdf("Hotel invoice");
        Path smallFile = write("hotel-invoice.pdf", small);

        browser.signIn(bob, Vault.PASSWORD);
        browser.open("/upload");
        browser.find("#files").sendKeys(tooBigFile.toAbsolutePath() + "\n" + smallFile.toAbsolutePath() + "\n"
                + farTooBigFile.toAbsolutePath());
        browser.find("#upload-button").click();

        Map<String, WebElement> byName = byName(waitForResults(3));
        for (String name : List.of("scan-too-big.txt", "scan-far-too-big.txt")) {
            WebElement refused = byName.get(name);
            assertTrue(refused.getText().contains("Not stored: 413 File too large."), refused.getText());
            assertTrue(refused.getText().contains("larger than the limit of 5242880 bytes"), refused.getText());
            assertTrue(refused.getAttribute("class").contains("failed"));
        }
        assertResultStored(byName.get("hotel-invoice.pdf"), Samples.sha256(small));
        browser.screenshot("07-upload-413");
        Vault.as(bob).get("/api/documents").then().statusCode(200).body("total", equalTo(1));
    }

    @Test
    @Order(3)
    void auditorSeesTheAnalystsUploadsAndDownloadAndExportsThemAsCsv() throws IOException {
        assertNotNull(downloadedId, "needs the uploads and the download of the first test");
        String auditor = Vault.user("audrey", "auditor");
        browser.signIn(auditor, Vault.PASSWORD);
        browser.open("/audit");
        assertEquals("intact", browser.find("#chain-status").getText());
        browser.find("#actor").sendKeys(analyst);
        browser.find("form.filters button[type=submit]").click();
        // The unfiltered page shows a count too: wait for the filtered one to load.
        browser.waiting().until(d -> d.getCurrentUrl().contains("actor="));
        browser.waitForText("#count", "of");
        String table = browser.find("#events").getText();
        assertTrue(table.contains("document/" + pdfId), "upload of the PDF shown");
        assertTrue(table.contains("document/" + bigId), "upload of the big file shown");
        assertEquals(2, rowsWith("document.upload").size(), "two uploads");
        assertTrue(rowsWith("document.download").stream().anyMatch(r -> r.getText().contains("document/" + downloadedId)),
                "the download is shown");
        browser.screenshot("08-audit-auditor");

        browser.find("#export-csv").click();
        Path csv = browser.awaitDownload(".csv");
        List<CSVRecord> rows = new ArrayList<>();
        // Parsed as a spreadsheet would: no comment marker. Regression: a "# strongroom audit export" line
        // after the column names used to become a junk first row.
        try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
                CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                        .get().parse(in)) {
            parser.forEach(rows::add);
        }
        assertTrue(rows.stream().allMatch(r -> r.get("seq").matches("[0-9]+")), "every row after the header is an event");
        assertFalse(rows.isEmpty());
        assertTrue(rows.stream().allMatch(r -> r.get("actor").equals(analyst)), "the export keeps the page's filter");
        List<CSVRecord> uploads = rows.stream().filter(r -> r.get("action").equals("document.upload")).toList();
        assertEquals(List.of("document/" + bigId, "document/" + pdfId).stream().sorted().toList(),
                uploads.stream().map(r -> r.get("resource")).sorted().toList());
        assertTrue(uploads.stream().allMatch(r -> r.get("outcome").equals("success")));
        assertTrue(rows.stream().anyMatch(r -> r.get("action").equals("document.download")
                && r.get("resource").equals("document/" + downloadedId) && r.get("outcome").equals("success")));
        assertTrue(rows.stream().anyMatch(r -> r.get("action").equals("login.success")
                && r.get("detail").contains("\"method\":\"form\"")), "the form sign-in is in the trail");
        assertTrue(rows.stream().allMatch(r -> r.get("hash").matches("[0-9a-f]{64}")));

        browser.open("/documents/" + pdfId);
        assertTrue(browser.find("#events-heading").isDisplayed(), "auditors see the document's audit events");
        assertTrue(browser.mainText().contains("document.upload"));
        browser.screenshot("09-document-auditor");
        browser.open("/documents");
        browser.screenshot("10-documents-auditor");
    }

    @Test
    @Order(4)
    void analystOpeningTheAuditPageGetsThe403PageAndTheRefusalIsAudited() {
        String carol = Vault.user("carol", "analyst");
        browser.signIn(carol, Vault.PASSWORD);
        browser.open("/audit");
        browser.assertHeading("403 · Forbidden");
        assertTrue(browser.mainText().contains("recorded in the audit trail"));
        assertTrue(browser.findAll("#events").isEmpty(), "no audit events leak into the refusal");
        browser.screenshot("11-forbidden-403");

        browser.open("/no-such-page");
        browser.assertHeading("404 · Not Found");
        // Regression: an address no page serves used to lose the signed-in navigation and offer "sign in".
        assertTrue(browser.find(".who").getText().contains(carol), "still shown as signed in");
        assertFalse(browser.find("header").getText().contains("Sign in") && browser.findAll("form.signout").isEmpty());
        assertTrue(browser.findAll("main a[href='/login']").isEmpty(), "no sign-in link for a signed-in user");
        assertTrue(browser.findAll("nav a[href='/documents']").size() == 1, "the main navigation is there");
        browser.screenshot("12-not-found-404");

        String auditor = Vault.user("audrey", "auditor");
        Vault.as(auditor).get("/api/audit?action=access.denied&actor=" + carol).then().statusCode(200)
                .body("items.resource", hasItem("path/audit")).body("items.outcome", hasItem("denied"));
    }

    @Test
    @Order(5)
    void markupInADocumentNameShowsAsTextOnEveryPageAndRunsNothing() throws IOException {
        String dave = Vault.user("dave", "analyst");
        Path file = write(XSS_NAME, Samples.pdf("Harmless"));
        assertEquals(XSS_NAME, file.getFileName().toString());

        browser.signIn(dave, Vault.PASSWORD);
        browser.open("/upload");
        browser.find("#files").sendKeys(file.toAbsolutePath().toString());
        browser.find("#upload-button").click();
        WebElement result = waitForResults(1).get(0);
        assertResultStored(result, Samples.sha256(Samples.pdf("Harmless")));
        String id = documentId(result);
        assertShownAsText("upload page");

        browser.open("/documents");
        assertShownAsText("documents page");
        browser.open("/documents/" + id);
        assertShownAsText("document page");
        assertEquals(XSS_NAME, browser.find("h1").getText());
        browser.screenshot("13-markup-name-document");

        String auditor = Vault.user("audrey", "auditor");
        browser.signOut();
        browser.signIn(auditor, Vault.PASSWORD);
        browser.open("/documents?owner=" + dave);
        assertShownAsText("documents page for auditors");
        browser.open("/documents/" + id);
        assertShownAsText("document page with audit events");
        browser.open("/audit?documentId=" + id);
        assertShownAsText("audit page");
        browser.screenshot("14-markup-name-audit");
    }

    @Test
    @Order(6)
    void formsAndBrowserApiCallsWithoutTheCsrfTokenAreRefused() {
        String eve = "eve-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        browser.signIn(Vault.ADMIN, Vault.ADMIN_PASSWORD);
        browser.open("/admin");
        browser.driver().executeScript("document.querySelector('#create-user input[name=csrf]').remove();");
        browser.find("#new-username").sendKeys(eve);
        browser.find("#new-password").sendKeys("a-long-enough-password");
        browser.find("#create-user button[type=submit]").click();
        browser.waitForText("h1", "403");
        assertTrue(browser.mainText().contains("did not carry a valid token"), browser.mainText());
        browser.screenshot("15-csrf-refused");
        Vault.as(Vault.ADMIN).get("/api/admin/users").then().body("username", not(hasItem(eve)));

        // The same session's script calls: refused without the header, accepted with the page's token.
        browser.open("/admin");
        Object without = browser.driver().executeAsyncScript(apiCreateUser(eve, false));
        assertEquals(403L, without);
        Object with = browser.driver().executeAsyncScript(apiCreateUser(eve, true));
        assertEquals(201L, with);

        // The sign-in form too: without its token the right password does not sign in.
        browser.signOut();
        browser.driver().executeScript("document.querySelector('form.stack input[name=csrf]').remove();");
        browser.find("#username").sendKeys(Vault.ADMIN);
        browser.find("#password").sendKeys(Vault.ADMIN_PASSWORD);
        browser.find("form.stack button[type=submit]").click();
        browser.waitForText("main", "Sign-in failed");
        assertTrue(browser.findAll(".who").isEmpty(), "not signed in");
    }

    @Test
    @Order(7)
    void adminManagesUsersAndASecondAdminApprovesADisposal() {
        String frank = "frank-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        browser.signIn(Vault.ADMIN, Vault.ADMIN_PASSWORD);
        browser.open("/admin");
        browser.find("#new-username").sendKeys(frank);
        browser.find("#new-password").sendKeys("first-password-for-frank");
        // Regression: "analyst" used to be ticked already, so an auditor made here silently became an analyst too.
        for (WebElement role : browser.findAll("#create-user input[name=roles]")) {
            assertFalse(role.isSelected(), "no role is ticked for a new user: " + role.getAttribute("value"));
        }
        browser.find("#create-user input[value=auditor]").click();
        browser.find("#create-user button[type=submit]").click();
        browser.waitForText("#notice", "User " + frank + " created.");
        Vault.as(Vault.ADMIN).get("/api/admin/users").then()
                .body("find { it.username == '" + frank + "' }.roles", equalTo(List.of("auditor")));

        // Disabling asks first, says what it does, and Cancel changes nothing.
        row(frank).findElement(By.xpath(".//button[starts-with(normalize-space(.), 'Disable')]")).click();
        browser.waitForText("#confirm-heading", "Disable " + frank + "?");
        assertTrue(browser.find("#consequence").getText().contains("will not be able to sign in"));
        browser.screenshot("16-admin-confirm-disable");
        browser.find("#cancel").click();
        browser.waitForText("h1", "Administration");
        assertTrue(row(frank).getText().contains("active"), "cancelled: still active");
        row(frank).findElement(By.xpath(".//button[starts-with(normalize-space(.), 'Disable')]")).click();
        browser.waitForText("#confirm-heading", "Disable " + frank + "?");
        browser.find("#confirm-button").click();
        browser.waitForText("#notice", "disabled");
        assertTrue(row(frank).getText().contains("disabled"));
        browser.screenshot("16-admin");
        browser.signOut();
        browser.open("/login");
        browser.find("#username").sendKeys(frank);
        browser.find("#password").sendKeys("first-password-for-frank");
        browser.find("form.stack button[type=submit]").click();
        browser.waitForText("main", "Sign-in failed");

        browser.signIn(Vault.ADMIN, Vault.ADMIN_PASSWORD);
        browser.open("/admin");
        row(frank).findElement(By.xpath(".//button[starts-with(normalize-space(.), 'Enable')]")).click();
        browser.waitForText("#notice", "enabled again");
        row(frank).findElement(By.cssSelector("input[type=password]")).sendKeys("second-password-for-frank");
        row(frank).findElement(By.xpath(".//button[normalize-space(.)='Reset password']")).click();
        browser.waitForText("#notice", "was replaced");
        browser.signOut();
        browser.signIn(frank, "second-password-for-frank");
        browser.signOut();

        // Disposal: one admin requests, the same admin cannot approve, a second admin can.
        String owner = Vault.user("gina", "analyst");
        String id = Vault.as(owner).multiPart("file", "old-statement.pdf", Samples.pdf("old"))
                .multiPart("retentionClass", "expired").post("/api/documents").then().statusCode(201).extract().path("id");
        String second = Vault.user("hana", "admin");
        browser.signIn(Vault.ADMIN, Vault.ADMIN_PASSWORD);
        browser.open("/admin");
        browser.find("#disposal-document").sendKeys(id);
        browser.find("#disposal-reason").sendKeys("Retention ended; duplicate of the ledger");
        browser.find("#request-disposal button[type=submit]").click();
        browser.waitForText("#notice", "requested");
        WebElement request = disposalRow(id);
        assertTrue(request.getText().contains("another admin must approve"));
        assertTrue(request.findElements(By.xpath(".//button[starts-with(normalize-space(.), 'Approve')]")).isEmpty(),
                "the requester gets no approve button");
        assertFalse(request.findElements(By.xpath(".//button[normalize-space(.)='Withdraw request']")).isEmpty(),
                "only a way to withdraw the request");
        browser.screenshot("17-admin-disposal-requested");
        browser.signOut();

        browser.signIn(second, Vault.PASSWORD);
        browser.open("/admin");
        WebElement pending = disposalRow(id);
        assertTrue(pending.getText().contains("old-statement.pdf"), "the request names the document, not a bare id");
        assertTrue(pending.getText().contains(owner), "and its owner");
        assertTrue(pending.getText().contains("expired"), "and its retention class");
        pending.findElement(By.xpath(".//button[starts-with(normalize-space(.), 'Approve')]")).click();
        // The approver sees what will be destroyed before anything is.
        browser.waitForText("#confirm-heading", "Dispose of old-statement.pdf?");
        String facts = browser.find("#confirm-facts").getText();
        for (String fact : List.of("old-statement.pdf", owner, "Retention class", "expired", "Retain until",
                "Retention ended; duplicate of the ledger")) {
            assertTrue(facts.contains(fact), "the confirmation shows " + fact + ": " + facts);
        }
        browser.screenshot("18-admin-disposal-confirm");
        Vault.as(second).get("/api/documents/" + id).then().statusCode(200);
        browser.find("#confirm-button").click();
        browser.waitForText("#notice", "disposed of");
        assertTrue(browser.mainText().contains("Retention ended; duplicate of the ledger"), "tombstone shows the reason");
        browser.screenshot("18-admin-disposal-approved");
        Vault.as(second).get("/api/tombstones").then().statusCode(200).body("documentId", hasItem(id))
                .body("find { it.documentId == '" + id + "' }.approvedBy", equalTo(second));
    }

    @Test
    @Order(8)
    void opsSeesHealthDiskCatalogChainBackupsAndTheWayToReports() {
        String olga = Vault.user("olga", "ops");
        browser.signIn(olga, Vault.PASSWORD);
        browser.screenshot("19-start-ops");
        browser.open("/operations");
        // The overall status also counts the snapshot check, which depends on what other tests stubbed.
        assertTrue(List.of("UP", "DOWN").contains(browser.find("#health-status").getText()));
        assertTrue(browser.find("#health").getText().contains("UP data-volume"));
        assertTrue(browser.find("#free-space").getText().endsWith("free"));
        assertTrue(browser.find("#document-count").getText().matches("[0-9,]+ documents?"));
        assertEquals("intact", browser.find("#chain-status").getText());
        assertTrue(List.of("ok", "attention").contains(browser.find("#backup-status").getText()),
                "the test emulator's bucket is configured");
        assertTrue(browser.find("#backup-lag").getText().startsWith("Lag "));
        assertTrue(browser.find("#reports").getText().contains("Reports and restore drills"));
        browser.screenshot("20-operations");
        browser.open("/documents");
        browser.screenshot("21-documents-ops");
    }

    @Test
    @Order(9)
    void signingInAndUploadingWorkWithTheKeyboardAlone() throws IOException {
        String ida = Vault.user("ida", "analyst");
        browser.open("/login");
        WebElement focused = browser.driver().switchTo().activeElement();
        assertEquals("username", focused.getAttribute("id"), "the user name field has focus");
        focused.sendKeys(ida, Keys.TAB);
        browser.driver().switchTo().activeElement().sendKeys(Vault.PASSWORD, Keys.ENTER);
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".who")));

        browser.open("/upload");
        browser.driver().switchTo().activeElement().sendKeys(Keys.TAB);
        WebElement skip = browser.driver().switchTo().activeElement();
        assertEquals("Skip to main content", skip.getText(), "the first Tab reaches the skip link");
        browser.find("#files").sendKeys(write("keyboard.pdf", Samples.pdf("kb")).toAbsolutePath().toString());
        browser.find("#tags").sendKeys(Keys.ENTER);
        assertResultStored(waitForResults(1).get(0), Samples.sha256(Samples.pdf("kb")));
    }

    @Test
    @Order(10)
    void filesDroppedOnTheDropZoneAreUploaded() {
        String jo = Vault.user("jo", "analyst");
        browser.signIn(jo, Vault.PASSWORD);
        browser.open("/upload");
        // What a drop from the desktop delivers: a DataTransfer holding files, on a drop event.
        browser.driver().executeScript("const dt = new DataTransfer();"
                + "dt.items.add(new File(['dropped receipt text'], 'dropped.txt', {type: 'text/plain'}));"
                + "const zone = document.getElementById('drop-zone');"
                + "zone.dispatchEvent(new DragEvent('dragover', {dataTransfer: dt, bubbles: true, cancelable: true}));"
                + "zone.dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));");
        browser.waitForText("#chosen", "1 file ready: dropped.txt");
        browser.find("#upload-button").click();
        assertResultStored(waitForResults(1).get(0),
                Samples.sha256("dropped receipt text".getBytes(StandardCharsets.UTF_8)));
        Vault.as(jo).get("/api/documents").then().body("items[0].fileName", equalTo("dropped.txt"));
    }

    private static String apiCreateUser(String name, boolean withToken) {
        return "const done = arguments[arguments.length - 1];"
                + "const headers = {'Content-Type': 'application/json'};"
                + (withToken ? "headers['X-CSRF-Token'] = document.querySelector('meta[name=csrf-token]').content;" : "")
                + "fetch('/api/admin/users', {method: 'POST', headers: headers, body: JSON.stringify({username: '" + name
                + "', password: 'a-long-enough-password', roles: ['analyst']})}).then(r => done(r.status));";
    }

    private static Path write(String name, byte[] bytes) throws IOException {
        Path dir = Files.createTempDirectory(files, "upload");
        return Files.write(dir.resolve(name), bytes);
    }

    private static List<WebElement> waitForResults(int count) {
        browser.waiting().until(d -> {
            List<WebElement> items = d.findElements(By.cssSelector("#upload-results li"));
            return items.size() == count && items.stream()
                    .allMatch(li -> li.getAttribute("class").contains("done") || li.getAttribute("class").contains("failed"));
        });
        return browser.findAll("#upload-results li");
    }

    private static Map<String, WebElement> byName(List<WebElement> items) {
        Map<String, WebElement> map = new java.util.HashMap<>();
        items.forEach(li -> map.put(li.findElement(By.cssSelector(".name")).getText(), li));
        return map;
    }

    private static void assertResultStored(WebElement item, String sha256) {
        assertTrue(item.getAttribute("class").contains("done"), item.getText());
        assertEquals("100", item.findElement(By.tagName("progress")).getAttribute("value"), "progress reached 100");
        assertEquals("100 %", item.findElement(By.cssSelector(".pct")).getText());
        assertEquals(sha256, item.findElement(By.cssSelector("code.sha256")).getText());
        assertFalse(item.findElements(By.linkText("Download receipt")).isEmpty(), "receipt link offered");
    }

    private static String documentId(WebElement item) {
        String href = item.findElement(By.linkText("Open document")).getAttribute("href");
        return href.substring(href.lastIndexOf('/') + 1);
    }

    private static List<WebElement> rowsWith(String action) {
        return browser.findAll("#events tbody tr").stream().filter(r -> r.getText().contains(action)).toList();
    }

    private static WebElement row(String user) {
        return browser.find("#user-" + user);
    }

    private static WebElement disposalRow(String documentId) {
        return browser.findAll("#disposals tbody tr[data-document='" + documentId + "']").stream().findFirst()
                .orElseThrow(() -> new AssertionError("no disposal request for " + documentId));
    }

    /** The name appears literally, no element was made from it, and no dialog opened. */
    private static void assertShownAsText(String where) {
        browser.assertNoDialog();
        assertTrue(browser.mainText().contains(XSS_NAME), where + " shows the name as text");
        assertTrue(browser.findAll("main img").stream().allMatch(img -> img.getAttribute("src").matches(
                ".*/(api/documents/[0-9a-f-]+/preview|documents/[0-9a-f-]+/view)")),
                where + " has no image made from the name: only the vault's own thumbnails and viewer");
    }
}
