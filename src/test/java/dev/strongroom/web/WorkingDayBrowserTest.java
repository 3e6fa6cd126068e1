package dev.strongroom.web;

import static org.hamcrest.Matchers.hasItem;
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
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * A working day in a real browser (Debian's headless Chromium), one role after another: the analyst
 * finds, looks at, corrects and exports documents; the auditor holds, searches the trail and checks
 * an export; ops back up and reconcile from the dashboard; the admin searches users and cannot
 * disable the built-in admin by a slip; compliance drills and reports. Each page is photographed at
 * desktop width and at 390 px ({@link Browser#screenshot}, which also fails on sideways scrolling).
 */
@H2PassOnly("the pages in Chromium; the API tests run the queries behind them on PostgreSQL")
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkingDayBrowserTest {

    @TestHTTPResource("/")
    URL root;

    @TempDir
    static Path files;

    static Browser browser;

    static String analyst;
    static byte[] lunch;
    static String lunchId;
    static String officeId;
    static String imageId;
    static final String HOLD_REASON = "Tax inspection 2026-" + Long.toHexString(System.nanoTime());

    @BeforeEach
    void startBrowser() {
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
    void analystFindsLooksAtCorrectsAndExportsDocuments() throws IOException {
        analyst = Vault.user("lena", "analyst");
        lunch = Samples.pdf("Lunch receipt 18.40 EUR");
        lunchId = Vault.as(analyst).multiPart("file", "lunch.pdf", lunch).multiPart("tags", "travel")
                .multiPart("description", "Lunch").post("/api/documents").then().statusCode(201).extract().path("id");
        officeId = Vault.as(analyst).multiPart("file", "paper.pdf", Samples.pdf("Printer paper 12.00 EUR"))
                .multiPart("tags", "office").post("/api/documents").then().statusCode(201).extract().path("id");
        imageId = Vault.as(analyst).multiPart("file", "parking.png", png()).post("/api/documents").then()
                .statusCode(201).extract().path("id");
        // Previews are made with the metadata, just after upload.
        for (String id : List.of(lunchId, imageId)) {
            browser.waiting().withTimeout(Duration.ofSeconds(90)).pollingEvery(Duration.ofMillis(500))
                    .until(d -> Vault.as(analyst).get("/api/documents/" + id + "/preview").statusCode() == 200);
        }

        browser.signIn(analyst, Vault.PASSWORD);
        browser.open("/documents");
        WebElement thumb = browser.find("tr[data-id='" + lunchId + "'] img.thumb");
        browser.waiting().until(d -> ((Number) browser.driver()
                .executeScript("return arguments[0].complete ? arguments[0].naturalWidth : 0;", thumb)).intValue() > 0);
        assertTrue(browser.find("#q").getAttribute("placeholder").contains("text"),
                "the search box says it searches the documents' text");
        browser.screenshot("30-documents-thumbnails-facets");

        // A tag is a link to the documents with that tag.
        browser.find("tr[data-id='" + lunchId + "'] a.tag").click();
        browser.waiting().until(d -> d.getCurrentUrl().contains("tag=travel"));
        assertEquals(List.of(lunchId), ids(), "only the document tagged travel");
        assertTrue(browser.find("#facet-tags").getText().contains("travel"));
        browser.find("#view-name").sendKeys("Travel");
        browser.find("#save-view button").click();
        browser.waitForText("#saved-views", "Travel");
        browser.open("/documents");
        assertEquals(3, ids().size());
        browser.find("#saved-views a").click();
        browser.waiting().until(d -> d.getCurrentUrl().contains("tag=travel"));
        assertEquals(List.of(lunchId), ids(), "the saved view brings the filter back");
        browser.screenshot("31-documents-saved-view");

        // The document itself, in the page: the browser's own PDF viewer on the vault's inline bytes.
        browser.open("/documents/" + lunchId);
        WebElement frame = browser.find("iframe#viewer");
        assertTrue(frame.getAttribute("src").endsWith("/documents/" + lunchId + "/view"));
        @SuppressWarnings("unchecked")
        Map<String, Object> inline = (Map<String, Object>) browser.driver().executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch('/documents/" + lunchId + "/view').then(r => r.arrayBuffer().then(b => done({"
                        + "type: r.headers.get('content-type'), disposition: r.headers.get('content-disposition'),"
                        + "frame: r.headers.get('x-frame-options'), size: b.byteLength})));");
        assertEquals("application/pdf", inline.get("type"));
        assertTrue(String.valueOf(inline.get("disposition")).startsWith("inline"), inline.toString());
        assertEquals("SAMEORIGIN", inline.get("frame"));
        assertEquals((long) lunch.length, ((Number) inline.get("size")).longValue());
        browser.screenshot("32-document-viewer-pdf");
        browser.open("/documents/" + imageId);
        WebElement image = browser.find("img#viewer");
        browser.waiting().until(d -> ((Number) browser.driver()
                .executeScript("return arguments[0].complete ? arguments[0].naturalWidth : 0;", image)).intValue() == 320);
        browser.screenshot("33-document-viewer-image");

        // Correcting what was typed at upload: description and tags, audited old and new.
        browser.open("/documents/" + lunchId);
        browser.find("#edit-description").clear();
        browser.find("#edit-description").sendKeys("Lunch with the audit committee");
        browser.find("#edit-tags").clear();
        browser.find("#edit-tags").sendKeys("travel, q1");
        browser.find("#edit-form button[type=submit]").click();
        browser.waitForText("main", "Description and tags saved");
        assertTrue(browser.find("#tags").getText().contains("q1"));
        assertTrue(browser.mainText().contains("Lunch with the audit committee"));
        String auditor = Vault.user("audrey", "auditor");
        Vault.as(auditor).get("/api/audit?documentId=" + lunchId).then().statusCode(200)
                .body("items.action", hasItem("document.edit.intent")).body("items.action", hasItem("document.edit"))
                .body("items.find { it.action == 'document.edit.intent' }.detail.oldDescription", org.hamcrest.Matchers.equalTo("Lunch"));
        browser.screenshot("34-document-edited");

        // The receipt in words, verified on the server, with the lines to verify it offline.
        browser.find("#receipt-page").click();
        browser.waitForText("h1", "Deposit receipt");
        assertEquals(Samples.sha256(lunch), browser.find("#receipt-sha256").getText());
        browser.find("#verify").click();
        browser.waitForText("#verdict", "Verified.");
        assertTrue(browser.find("#openssl").getText().contains("openssl pkeyutl -verify -pubin -inkey key.pem -rawin"));
        browser.screenshot("35-receipt-verified");
        // The receipt the depositor kept, pasted back: one changed byte in what was signed is caught.
        String kept = Vault.as(analyst).get("/api/documents/" + lunchId + "/receipt").then().statusCode(200).extract()
                .asString();
        browser.find("#held-receipt").sendKeys(kept.replace("lunch.pdf", "lunch.pdX"));
        browser.find("#verify").click();
        browser.waitForText("#verdict", "Not verified.");
        assertTrue(browser.find("#verdict").getText().contains("does not verify against the vault's published public key"));
        browser.screenshot("35-receipt-tampered");

        // The same bytes again: stored as their own record, with a word and a link to the first.
        browser.open("/upload");
        Path again = Files.createDirectories(files.resolve("again")).resolve("lunch-again.pdf");
        Files.write(again, lunch);
        browser.find("#files").sendKeys(again.toAbsolutePath().toString());
        browser.find("#upload-button").click();
        browser.waitForText("#upload-results", "Already in the vault");
        WebElement duplicate = browser.find("#upload-results .duplicate a");
        assertTrue(duplicate.getAttribute("href").endsWith("/documents/" + lunchId), duplicate.getAttribute("href"));
        assertEquals("lunch.pdf", duplicate.getText());
        browser.screenshot("36-upload-duplicate");

        // Bulk: tag two documents at once, then take both home as one zip.
        browser.open("/documents?sort=name&order=asc");
        tick(lunchId);
        tick(officeId);
        browser.find("#bulk-tag").sendKeys("claims");
        browser.find("#bulk-tag-button").click();
        browser.waitForText("#notice", "Tagged 2 documents.");
        assertTrue(browser.driver().getCurrentUrl().contains("sort=name"), "back to the same list");
        browser.screenshot("37-documents-bulk-tagged");
        tick(lunchId);
        tick(officeId);
        browser.find("#bulk-zip").click();
        Path zip = browser.awaitDownload(".zip");
        Map<String, byte[]> entries = unzip(zip);
        assertEquals(2, entries.size(), entries.keySet().toString());
        assertArrayEquals(lunch, entries.get("lunch.pdf"));
        Vault.as(auditor).get("/api/audit?action=document.download&documentId=" + officeId).then()
                .body("items.detail.as", hasItem("zip"));
    }

    @Test
    @Order(2)
    void auditorHoldsADocumentSearchesTheTrailAndChecksAnExport() throws IOException {
        assertNotNull(lunchId, "needs the analyst's documents");
        String auditor = Vault.user("audrey", "auditor");
        browser.signIn(auditor, Vault.PASSWORD);
        browser.open("/documents?owner=" + analyst);
        tick(lunchId);
        browser.find("#bulk-reason").sendKeys(HOLD_REASON);
        browser.find("#bulk-hold").click();
        browser.waitForText("#notice", "Legal hold set on 1 document.");

        browser.open("/audit");
        assertTrue(browser.find("#held").getText().contains("lunch.pdf"), "documents on hold are listed");
        // Words inside the events' details.
        browser.find("#text").sendKeys(HOLD_REASON);
        browser.find("form.filters button[type=submit]").click();
        // The unfiltered page shows a count too: wait for the filtered one to load.
        browser.waiting().until(d -> d.getCurrentUrl().contains("text="));
        browser.waitForText("#count", "of");
        assertTrue(browser.findAll("#events tbody tr").stream()
                .allMatch(r -> r.getText().contains("document.legal-hold.set")), "only the hold matches its reason");
        assertFalse(browser.findAll("#events tbody tr").isEmpty());
        browser.screenshot("40-audit-detail-search");
        // Time of day, in UTC: a window that ended an hour ago finds nothing of this minute's hold.
        LocalTime now = LocalTime.now(ZoneOffset.UTC);
        browser.open("/audit?text=" + HOLD_REASON.replace(" ", "%20") + "&timeFrom=" + hhmm(now.minusHours(3))
                + "&timeTo=" + hhmm(now.minusHours(1)));
        assertTrue(browser.findAll("#events").isEmpty(), "the hold is outside that window");
        browser.open("/audit?text=" + HOLD_REASON.replace(" ", "%20") + "&timeFrom=" + hhmm(now.minusMinutes(30))
                + "&timeTo=" + hhmm(now.plusMinutes(30)));
        assertFalse(browser.findAll("#events tbody tr").isEmpty(), "and inside this one");

        // An export checked from the page: intact, then with one event changed.
        String ndjson = Vault.as(auditor).queryParam("format", "ndjson").get("/api/audit/export").then().statusCode(200)
                .extract().asString();
        Path intact = Files.writeString(files.resolve("trail.ndjson"), ndjson);
        browser.open("/audit");
        browser.find("#export-file").sendKeys(intact.toAbsolutePath().toString());
        browser.find("#verify-export button").click();
        browser.waitForText("#check-result", "Intact.");
        browser.screenshot("41-audit-export-intact");
        Path tampered = Files.writeString(files.resolve("tampered.ndjson"),
                ndjson.replaceFirst("\"actor\":\"" + analyst + "\"", "\"actor\":\"mallory\""));
        browser.find("#export-file").sendKeys(tampered.toAbsolutePath().toString());
        browser.find("#verify-export button").click();
        browser.waitForText("#check-result", "Not intact.");
        assertTrue(browser.find("#check-findings").getText().contains("ALTERED"), browser.find("#check-findings").getText());
        browser.screenshot("42-audit-export-tampered");

        // Under a hold, the owner can no longer change what the document says.
        browser.signOut();
        browser.signIn(analyst, Vault.PASSWORD);
        browser.open("/documents/" + lunchId);
        assertTrue(browser.findAll("#edit-form").isEmpty(), "no edit form under a legal hold");
        Object status = browser.driver().executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "const body = new URLSearchParams({csrf: document.querySelector('meta[name=csrf-token]').content,"
                + "description: 'changed', tags: ''});"
                + "fetch('/documents/" + lunchId + "/edit', {method: 'POST', body: body}).then(r => done(r.status));");
        assertEquals(409L, status);
    }

    @Test
    @Order(3)
    void opsBackUpAndReconcileFromTheDashboard() {
        String ops = Vault.user("omar", "ops");
        browser.signIn(ops, Vault.PASSWORD);
        browser.open("/operations");
        assertEquals(5, browser.findAll("#dashboard .tile").size());
        assertFalse(browser.findAll("#tile-backup-lag svg.spark polyline").isEmpty(), "backup lag has its sparkline");
        assertFalse(browser.findAll("#tile-disk svg.spark polyline").isEmpty(), "free disk has its sparkline");
        String page = browser.mainText();
        assertFalse(page.contains("NOT_FOUND"), "no template placeholder leaks into the page");
        assertFalse(page.matches("(?s).*Bytes: [0-9]{7,}.*"), "no raw byte counts in the health details");

        browser.find("#backup-now button").click();
        browser.waitForText("#confirm-heading", "Back up now?");
        browser.screenshot("50-operations-confirm-backup");
        browser.find("#confirm-button").click();
        browser.waitForText("#notice", "started");
        browser.screenshot("51-operations-backup-running");
        // The page's script follows the run and reloads when it ends; the notice goes with the query.
        browser.waiting().withTimeout(Duration.ofSeconds(120))
                .until(d -> !d.getCurrentUrl().contains("started=") && !d.findElements(By.cssSelector("#runs tbody tr"))
                        .isEmpty());
        String lastRun = browser.find("#last-run").getText();
        assertTrue(lastRun.matches("Last run \\S+: succeeded, [0-9,]+ documents?, .* in .*\\."), lastRun);
        assertTrue(browser.find("#runs tbody tr").getText().contains("succeeded"));
        assertFalse(browser.findAll("#tile-runs svg.spark rect").isEmpty(), "the last runs are drawn as bars");

        browser.find("#reconcile-dry button").click();
        browser.waitForText("main", "Reconcile dry run");
        browser.waiting().withTimeout(Duration.ofSeconds(120)).until(d -> !d.getCurrentUrl().contains("started=")
                && !d.findElements(By.cssSelector("#reconciles tbody tr")).isEmpty());
        assertTrue(browser.find("#reconciles tbody tr").getText().contains("dry run"));
        browser.screenshot("52-operations-dashboard");

        // A snapshot is restored for real only after its dry run planned cleanly.
        Object refused = browser.driver().executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "const body = new URLSearchParams({csrf: document.querySelector('meta[name=csrf-token]').content,"
                + "snapshotId: 'snap-0123456789abcdef0', dryRun: 'false', confirm: 'yes'});"
                + "fetch('/operations/run/restore', {method: 'POST', body: body}).then(r => r.text().then(t => "
                + "done(r.status + ' ' + t)));");
        assertTrue(String.valueOf(refused).startsWith("409 "), String.valueOf(refused).substring(0, 80));
        assertTrue(String.valueOf(refused).contains("dry run"));
    }

    @Test
    @Order(4)
    void adminFindsUsersSeesLastSignInAndCannotDisableTheBuiltInAdminBySlip() {
        String second = Vault.user("zoe", "admin");
        browser.signIn(second, Vault.PASSWORD);
        browser.open("/admin?q=lena");
        List<WebElement> rows = browser.findAll("#users tbody tr");
        assertFalse(rows.isEmpty());
        assertTrue(rows.stream().allMatch(r -> r.getText().contains("lena")), "the search narrows the users");
        assertTrue(browser.find("#user-" + analyst + " .last-sign-in").getText().endsWith("ago"),
                "the analyst signed in earlier today");
        browser.screenshot("60-admin-user-search");

        browser.open("/admin");
        browser.find("#user-admin").findElement(By.xpath(".//button[starts-with(normalize-space(.), 'Disable')]")).click();
        browser.waitForText("#confirm-heading", "Disable admin?");
        browser.find("#typed").sendKeys("adm");
        browser.find("#confirm-button").click();
        browser.waitForText("#problem", "Not disabled");
        browser.screenshot("61-admin-builtin-typed-confirmation");
        Vault.as(Vault.ADMIN).get("/api/admin/users").then()
                .body("find { it.username == 'admin' }.disabled", org.hamcrest.Matchers.equalTo(false));

        // Granting admin on the page waits for a second admin, who approves it after a confirmation.
        String rita = Vault.user("rita", "analyst");
        String yuri = Vault.user("yuri", "admin");
        browser.open("/admin?q=rita");
        browser.find("#roles-" + rita + " input[value=admin]").click();
        browser.find("#roles-" + rita + " button[type=submit]").click();
        browser.waitForText("#notice", "waits for a second admin");
        browser.screenshot("62-admin-role-change-waits");
        browser.signOut();
        browser.signIn(yuri, Vault.PASSWORD);
        browser.open("/admin");
        browser.find("#role-changes tr[data-user='" + rita + "']")
                .findElement(By.xpath(".//button[starts-with(normalize-space(.), 'Approve')]")).click();
        browser.waitForText("#confirm-heading", "Make " + rita + " an admin?");
        browser.screenshot("63-admin-grant-confirmation");
        browser.find("#confirm-button").click();
        browser.waitForText("#notice", "The roles of " + rita + " were changed.");
        Vault.as(Vault.ADMIN).get("/api/admin/users").then()
                .body("find { it.username == '" + rita + "' }.roles", org.hamcrest.Matchers.hasItem("admin"));
    }

    @Test
    @Order(5)
    void complianceDrillAsksFirstReportsFinishAndTheReportReadsOnAPhone() throws IOException {
        String ops = Vault.user("olive", "ops");
        browser.signIn(ops, Vault.PASSWORD);
        browser.open("/compliance");
        // Regression: the sample size box was a thin, unstyled number input.
        assertTrue(browser.find("#drill-sample").getSize().getHeight() >= 30, "the sample size box is full height");
        browser.find("#drill-sample").sendKeys("1");
        browser.find("#drill-form button").click();
        browser.waitForText("#confirm-heading", "Start a restore drill?");
        browser.find("#confirm-button").click();
        browser.waitForText("main", "Restore drill");
        browser.waiting().withTimeout(Duration.ofSeconds(120)).until(d -> !d.getCurrentUrl().contains("drill="));
        assertTrue(browser.findAll(".notice").stream().noneMatch(n -> n.getText().contains("started")),
                "no 'started' notice once the drill is over");

        // Reports made earlier are listed too: wait for this one's row, finished, and the page back from polling it.
        java.util.Set<String> earlier = browser.findAll("#reports tbody tr").stream().map(r -> r.getAttribute("id"))
                .collect(java.util.stream.Collectors.toSet());
        browser.find("#report-form button").click();
        browser.waiting().withTimeout(Duration.ofSeconds(120)).until(d -> !d.getCurrentUrl().contains("report=")
                && d.findElements(By.cssSelector("#reports tbody tr")).stream().anyMatch(r -> !earlier.contains(
                        r.getAttribute("id")) && !r.findElements(By.cssSelector("a[href$='report.html']")).isEmpty()));
        assertTrue(browser.findAll(".notice").stream().noneMatch(n -> n.getText().contains("started")),
                "no 'started' notice once the report is made");
        browser.screenshot("70-compliance");
        String html = browser.findAll("#reports tbody tr").stream().filter(r -> !earlier.contains(r.getAttribute("id")))
                .findFirst().orElseThrow().findElement(By.cssSelector("a[href$='report.html']")).getAttribute("href");
        String pdf = html.replace("report.html", "report.pdf");
        browser.driver().get(html);
        browser.screenshot("71-compliance-report-html");
        byte[] bytes = Vault.as(ops).get(pdf.substring(pdf.indexOf("/api/"))).then().statusCode(200).extract().asByteArray();
        try (PDDocument document = Loader.loadPDF(bytes)) {
            String text = new PDFTextStripper().getText(document);
            assertTrue(text.contains("Check Status Finding and evidence"), "the checks are a table with headers");
            assertTrue(text.contains("Content type Documents Bytes"), "so is the inventory");
        }
    }

    private static void tick(String id) {
        WebElement box = browser.find("tr[data-id='" + id + "'] input[type=checkbox]");
        if (!box.isSelected()) {
            box.click();
        }
    }

    private static List<String> ids() {
        return browser.findAll("#documents tbody tr").stream().map(r -> r.getAttribute("data-id")).toList();
    }

    private static String hhmm(LocalTime time) {
        return time.format(DateTimeFormatter.ofPattern("HH:mm"));
    }

    private static byte[] png() throws IOException {
        BufferedImage image = new BufferedImage(320, 200, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 320, 200);
        g.setColor(Color.BLACK);
        g.drawString("PARKING 4.50 EUR", 40, 100);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static Map<String, byte[]> unzip(Path zip) throws IOException {
        Map<String, byte[]> entries = new HashMap<>();
        try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
            for (ZipEntry e = z.getNextEntry(); e != null; e = z.getNextEntry()) {
                entries.put(e.getName(), z.readAllBytes());
            }
        }
        return entries;
    }
}
