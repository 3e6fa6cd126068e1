package dev.strongroom.metadata;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strongroom.catalog.Document;
import dev.strongroom.catalog.MetadataState;
import dev.strongroom.support.Corpus;
import dev.strongroom.support.Samples;
import dev.strongroom.support.Vault;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** Metadata through the HTTP API: upload, wait for the worker, read and search what it found. */
@QuarkusTest
class MetadataApiTest {

    /** The first extraction loads Tika and the language model, on a busy two-core machine. */
    static final Duration WAIT = Duration.ofSeconds(120);

    @Inject
    MetadataWorker worker;

    static String upload(String user, String name, byte[] bytes) {
        return Vault.upload(user, name, bytes).then().statusCode(201).extract().path("id");
    }

    /** Polls the document until the worker is done with it; returns the final view. */
    static JsonPath awaitMetadata(String user, String id) {
        return await("metadata of " + id + " done").atMost(WAIT).pollInterval(Duration.ofMillis(250))
                .until(() -> Vault.as(user).get("/api/documents/" + id).then().statusCode(200).extract().jsonPath(),
                        doc -> !"PENDING".equals(doc.getString("metadataState"))
                                && !"DEFERRED".equals(doc.getString("metadataState")));
    }

    @Test
    void uploadedPdfShowsItsMetadataAndIsFoundByAWordOfItsTitle() {
        String alice = Vault.user("alice", "analyst");
        byte[] pdf = Corpus.pdf();
        String id = upload(alice, "q3.pdf", pdf);
        JsonPath doc = awaitMetadata(alice, id);
        assertEquals("EXTRACTED", doc.getString("metadataState"));
        assertEquals(Corpus.PDF_TITLE, doc.getString("metadata.title"));
        assertEquals(Corpus.PDF_AUTHOR, doc.getString("metadata.author"));
        assertEquals(Samples.sha256(pdf), doc.getString("metadata.sha256"));
        assertEquals(2, doc.getInt("metadata.pageCount"));
        assertEquals("ok", doc.getString("metadata.status"));
        assertEquals(true, doc.getBoolean("metadata.preview"));

        // "Liquidity" is only in the title, "reserves" only in the text, "controller" only the author.
        Vault.as(alice).get("/api/documents?q=LIQUIDITY").then().statusCode(200).body("items.id", contains(id));
        Vault.as(alice).get("/api/documents?q=reserves").then().body("items.id", contains(id));
        Vault.as(alice).get("/api/documents?q=controller").then().body("items.id", contains(id));
        // Search results stay small: no sidecar in them.
        Vault.as(alice).get("/api/documents?q=liquidity").then().body("items[0].metadata", equalTo(null))
                .body("items[0].metadataState", equalTo("EXTRACTED"));
        // Another analyst's search does not reveal it.
        String bob = Vault.user("bob", "analyst");
        Vault.as(bob).get("/api/documents?q=liquidity").then().body("total", equalTo(0));
    }

    @Test
    void receiptFieldsAreExtractedAndTheVendorIsSearchable() {
        String alice = Vault.user("alice", "analyst");
        String id = upload(alice, "scan-0042.pdf", Corpus.receiptPdf());
        JsonPath doc = awaitMetadata(alice, id);
        assertEquals("15.12", doc.getString("metadata.receipt.total.amount"));
        assertEquals("GBP", doc.getString("metadata.receipt.total.currency"));
        assertEquals("2026-11-03", doc.getString("metadata.receipt.date.value"));
        assertEquals("Northwind Stationery Ltd", doc.getString("metadata.receipt.vendor.value"));
        Vault.as(alice).get("/api/documents?q=northwind").then().body("items.id", contains(id));
    }

    @Test
    void everyFormatOfTheCorpusGetsItsMetadata() {
        String alice = Vault.user("alice", "analyst");
        Map<String, byte[]> corpus = Map.of("memo.docx", Corpus.docx(), "expenses.xlsx", Corpus.xlsx(),
                "minutes.odt", Corpus.odt(), "taxi.jpg", Corpus.jpegWithExif(), "ledger.csv", Corpus.csv(),
                "invoice.eml", Corpus.eml(), "notes.txt", Corpus.text());
        Map<String, String> ids = new java.util.HashMap<>();
        corpus.forEach((name, bytes) -> ids.put(name, upload(alice, name, bytes)));
        assertEquals(Corpus.DOCX_TITLE, awaitMetadata(alice, ids.get("memo.docx")).getString("metadata.title"));
        assertEquals(Corpus.XLSX_AUTHOR, awaitMetadata(alice, ids.get("expenses.xlsx")).getString("metadata.author"));
        assertEquals(Corpus.ODT_TITLE, awaitMetadata(alice, ids.get("minutes.odt")).getString("metadata.title"));
        JsonPath jpeg = awaitMetadata(alice, ids.get("taxi.jpg"));
        assertEquals(Corpus.JPEG_ARTIST, jpeg.getString("metadata.author"));
        assertEquals("2026-11-05T08:15:00", jpeg.getString("metadata.created"));
        assertEquals("text/csv", awaitMetadata(alice, ids.get("ledger.csv")).getString("metadata.detectedType"));
        assertEquals(Corpus.EML_SUBJECT, awaitMetadata(alice, ids.get("invoice.eml")).getString("metadata.title"));
        assertEquals(26, awaitMetadata(alice, ids.get("notes.txt")).getInt("metadata.wordCount"));
        // The sender of the mail is searchable as its author.
        Vault.as(alice).get("/api/documents?q=fabrikam.example").then().body("items.id", contains(ids.get("invoice.eml")));
    }

    @Test
    void unparseableDocumentsSayWhyAndStillDownload() {
        String alice = Vault.user("alice", "analyst");
        byte[] bomb = Corpus.zipBombDocx(64);
        String bombId = upload(alice, "bomb.docx", bomb);
        String cutId = upload(alice, "cut.pdf", Corpus.truncatedPdf());
        JsonPath bombDoc = awaitMetadata(alice, bombId);
        assertEquals("UNPARSEABLE", bombDoc.getString("metadataState"));
        assertEquals("unparseable", bombDoc.getString("metadata.status"));
        assertEquals("zip-bomb", bombDoc.getString("metadata.reason"));
        assertEquals("truncated", awaitMetadata(alice, cutId).getString("metadata.reason"));
        byte[] back = Vault.as(alice).get("/api/documents/" + bombId + "/content").then().statusCode(200).extract()
                .asByteArray();
        assertEquals(Samples.sha256(bomb), Samples.sha256(back));
        String auditor = Vault.user("audrey", "auditor");
        Vault.as(auditor).get("/api/audit?action=metadata.extract&documentId=" + bombId).then().statusCode(200)
                .body("items[0].outcome", equalTo("failure")).body("items[0].actor", equalTo("system"))
                .body("items[0].detail.reason", equalTo("zip-bomb"));
    }

    @Test
    void previewFollowsTheContentAccessRules() throws IOException {
        String alice = Vault.user("alice", "analyst");
        String id = upload(alice, "q3.pdf", Corpus.pdf());
        String docx = upload(alice, "memo.docx", Corpus.docx());
        awaitMetadata(alice, id);
        awaitMetadata(alice, docx);
        byte[] png = Vault.as(alice).get("/api/documents/" + id + "/preview").then().statusCode(200)
                .contentType("image/png").extract().asByteArray();
        var image = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(256, image.getHeight());
        String auditor = Vault.user("audrey", "auditor");
        Vault.as(auditor).get("/api/documents/" + id + "/preview").then().statusCode(200);
        Vault.as(Vault.user("bob", "analyst")).get("/api/documents/" + id + "/preview").then().statusCode(404);
        Vault.as(Vault.user("oscar", "ops")).get("/api/documents/" + id + "/preview").then().statusCode(403);
        Vault.as(alice).get("/api/documents/" + docx + "/preview").then().statusCode(404)
                .contentType("application/problem+json").body("type", containsString("no-preview"))
                .body("detail", containsString("PDFs and images"));
        Vault.as(auditor).get("/api/audit?action=document.preview&documentId=" + id).then()
                .body("items.actor", hasItem(alice)).body("items.actor", hasItem(auditor));
    }

    @Test
    void largeDocumentIsDeferredThenExtractedByTheHeavyLane() {
        String alice = Vault.user("alice", "analyst");
        // Above the test profile's 256 KiB light-lane threshold.
        String id = upload(alice, "ledger.txt", Samples.text(300_000));
        JsonPath doc = awaitMetadata(alice, id);
        assertEquals("EXTRACTED", doc.getString("metadataState"));
        assertTrue(doc.getInt("metadata.wordCount") > 10_000);
        String auditor = Vault.user("audrey", "auditor");
        JsonPath trail = Vault.as(auditor).get("/api/audit?documentId=" + id + "&size=50").then().statusCode(200)
                .extract().jsonPath();
        List<String> actions = trail.getList("items.action");
        // Newest first: extracted by the heavy lane after being deferred by the light one.
        int extracted = actions.indexOf("metadata.extract");
        int deferred = actions.indexOf("metadata.defer");
        assertTrue(deferred > extracted && extracted >= 0, actions.toString());
        assertEquals("heavy", trail.getString("items[" + extracted + "].detail.lane"));
        assertEquals("above-light-threshold", trail.getString("items[" + deferred + "].detail.reason"));
    }

    @Test
    void documentsHandedOverAsDeferredAreExtractedByTheHeavyLane() {
        String alice = Vault.user("alice", "analyst");
        byte[] text = Samples.text(2_000);
        String id = upload(alice, "handover.txt", text);
        awaitMetadata(alice, id);
        // What part 2's metadata sync does with a "deferred" sidecar from the Lambda.
        QuarkusTransaction.requiringNew().run(() -> Document.update(
                "metadataState = ?1, metadataJson = null where id = ?2", MetadataState.DEFERRED, id));
        assertEquals(1, worker.handOverDeferred(Samples.sha256(text)));
        JsonPath doc = awaitMetadata(alice, id);
        assertEquals("EXTRACTED", doc.getString("metadataState"));
        Vault.as(Vault.user("audrey", "auditor")).get("/api/audit?action=metadata.extract&documentId=" + id).then()
                .body("items[0].detail.lane", equalTo("heavy"));
    }

    @Test
    void aFileTheSsmCommandDropsIntoTheHandoverDirectoryGivesTheDocumentToTheHeavyLane() throws IOException {
        String alice = Vault.user("alice", "analyst");
        byte[] text = Samples.text(3_000);
        String id = upload(alice, "ssm.txt", text);
        awaitMetadata(alice, id);
        // As when the Lambda deferred it and its sidecar has not been synced yet.
        QuarkusTransaction.requiringNew().run(() -> Document.update(
                "metadataState = ?1, metadataJson = null where id = ?2", MetadataState.DEFERRED, id));
        // What `touch /srv/strongroom/metadata-handover/<sha256>` does on the EC2 host.
        Path inbox = Path.of(ConfigProvider.getConfig().getValue("strongroom.data-dir", String.class),
                "metadata-handover");
        Files.createDirectories(inbox);
        Path request = Files.createFile(inbox.resolve(Samples.sha256(text)));
        JsonPath doc = awaitMetadata(alice, id);
        assertEquals("EXTRACTED", doc.getString("metadataState"));
        assertTrue(Files.notExists(request), "the hand-over file is removed once taken");
        Vault.as(Vault.user("audrey", "auditor")).get("/api/audit?action=metadata.extract&documentId=" + id).then()
                .body("items[0].detail.lane", equalTo("heavy"));
    }

    @Test
    void opsCanRunTheMetadataSyncAndAnalystsCannot() {
        Vault.as(Vault.user("olga", "ops")).post("/api/metadata/sync").then().statusCode(200)
                .body("findings", equalTo(List.of()));
        Vault.as(Vault.user("alice", "analyst")).post("/api/metadata/sync").then().statusCode(403);
    }

    @Test
    void identicalBytesAreParsedOnce() {
        String alice = Vault.user("alice", "analyst");
        byte[] pdf = Corpus.receiptPdf();
        String first = upload(alice, "a.pdf", pdf);
        awaitMetadata(alice, first);
        String second = upload(alice, "b.pdf", pdf);
        assertEquals("15.12", awaitMetadata(alice, second).getString("metadata.receipt.total.amount"));
        Vault.as(Vault.user("audrey", "auditor")).get("/api/audit?action=metadata.extract&documentId=" + second)
                .then().body("items[0].detail.lane", equalTo("reused"));
    }
}
