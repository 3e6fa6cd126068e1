package dev.strongroom.compliance;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.strongroom.audit.JournalOnDisk;
import dev.strongroom.backup.MotoEmulator;
import dev.strongroom.backup.MotoTestResource;
import dev.strongroom.catalog.Document;
import dev.strongroom.support.ExpectedErrors;
import dev.strongroom.support.RequiresEmulator;
import dev.strongroom.support.Samples;
import dev.strongroom.support.Vault;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;

@RequiresEmulator
@QuarkusTest
class ComplianceReportTest {

    @Test
    void scenarioReportCarriesTheKeyFiguresInEveryFormat() throws Exception {
        String analyst = Vault.user("anna", "analyst");
        String ops = Vault.user("oscar", "ops");
        String auditor = Vault.user("aude", "auditor");
        for (int i = 0; i < 3; i++) {
            Vault.upload(analyst, "receipt-" + i + ".txt", Samples.text(600 + i)).then().statusCode(201);
        }
        Compliance.backup(ops);
        given().auth().preemptive().basic(analyst, "not-the-password").get("/api/documents").then().statusCode(401);
        Vault.as(auditor).get("/api/audit/export?format=ndjson").then().statusCode(200);
        Vault.as(ops).post("/api/audit/digests").then().statusCode(201);
        JsonPath drill = Compliance.drill(ops, Map.of());
        assertEquals("passed", drill.getString("state"), drill::prettify);

        JsonPath view = Compliance.report(auditor);
        String id = view.getString("id");
        String body = Vault.as(auditor).get("/api/compliance/reports/" + id + "/report.json").then().statusCode(200)
                .extract().asString();
        JsonPath report = new JsonPath(body);

        String schema = Files.readString(Path.of("docs/compliance-report.schema.json"));
        var errors = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(schema, InputFormat.JSON).validate(body, InputFormat.JSON);
        assertTrue(errors.isEmpty(), () -> "schema: " + errors + "\n" + body);

        assertEquals("PASS", Compliance.check(report, "audit-chain").get("status"), body);
        assertEquals("PASS", Compliance.check(report, "backup-coverage").get("status"), body);
        assertEquals("PASS", Compliance.check(report, "s3-posture").get("status"), body);
        assertEquals("PASS", Compliance.check(report, "audit-digests").get("status"), body);
        assertEquals("PASS", Compliance.check(report, "restore-drill").get("status"), body);
        assertEquals(drill.getString("id"), report.getString("drill.id"));
        assertEquals(1, report.<Integer>get("security.failedLoginsByUser.find { it.user == '" + analyst + "' }.count"),
                body);
        assertEquals(3, report.<Integer>get("access.find { it.user == '" + analyst + "' }.uploads"), body);
        assertEquals(1, report.<Integer>get("access.find { it.user == '" + auditor + "' }.exports"), body);

        long documents = report.getLong("inventory.documents");
        String percent = report.getString("coverage.percent");
        long failedLogins = report.getLong("security.failedLogins");
        int sample = report.getInt("drill.sampleSize");
        byte[] pdf = Vault.as(ops).get("/api/compliance/reports/" + id + "/report.pdf").then().statusCode(200)
                .contentType("application/pdf").extract().asByteArray();
        String text;
        try (var document = Loader.loadPDF(pdf)) {
            text = new PDFTextStripper().getText(document);
        }
        assertTrue(text.contains("Documents: " + documents + ","), text);
        assertTrue(text.contains("Coverage: " + percent + " %"), text);
        assertTrue(text.contains("Failed sign-ins: " + failedLogins), text);
        // The PDF's sections are tables: header rows, then one row per item.
        assertTrue(text.contains("Drill State Finished Sample Passed Failed Bytes"), text);
        assertTrue(text.contains(" " + sample + " of "), text);
        assertTrue(text.contains("Check Status Finding and evidence"), text);
        assertTrue(text.contains("audit-chain PASS"), text);

        String csv = Vault.as(auditor).get("/api/compliance/reports/" + id + "/report.csv").then().statusCode(200)
                .extract().asString();
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv)).getRecords();
        assertTrue(rows.stream().anyMatch(r -> r.get("section").equals("check") && r.get("item").equals("audit-chain")
                && r.get("status").equals("PASS")), csv);
        assertTrue(rows.stream().anyMatch(r -> r.get("section").equals("inventory") && r.get("item").equals("all")
                && r.get("field").equals("documents") && r.get("value").equals(Long.toString(documents))), csv);

        String html = Vault.as(auditor).get("/api/compliance/reports/" + id + "/report.html").then().statusCode(200)
                .extract().asString();
        assertTrue(html.contains("Sample size " + sample + " of"), html);
        assertFalse(html.contains("<script"), "no scripts in the report");

        String jsonSha256 = view.getString("sha256.json");
        assertEquals(Samples.sha256(body.getBytes(StandardCharsets.UTF_8)), jsonSha256);
        Vault.as(auditor).queryParam("action", "compliance.report").get("/api/audit").then().statusCode(200)
                .body("items.find { it.resource == 'compliance/report/" + id + "' }.detail.jsonSha256",
                        equalTo(jsonSha256));
        try (S3Client s3 = MotoTestResource.emulator().client(MotoEmulator.REGION)) {
            String key = view.getString("uploadedTo") + id + ".pdf";
            assertEquals(pdf.length, s3.headObject(b -> b.bucket(MotoEmulator.BUCKET).key(key)).contentLength());
        }
        Vault.as(analyst).contentType("application/json").body(Map.of()).post("/api/compliance/reports").then()
                .statusCode(403);
        Vault.as(analyst).get("/api/compliance/reports/" + id + "/report.pdf").then().statusCode(403);

        // The polls while the report and the drill ran are not in the trail; the first read of each
        // finished one is, once per user.
        Vault.as(auditor).get("/api/compliance/reports/" + id).then().statusCode(200);
        Vault.as(ops).get("/api/compliance/drills/" + drill.getString("id")).then().statusCode(200);
        assertEquals(List.of(Map.of("actor", auditor, "state", "succeeded")), reads(auditor, "compliance.report.view",
                "compliance/report/" + id));
        assertEquals(List.of(Map.of("actor", ops, "state", "passed")), reads(auditor, "compliance.drill.view",
                "compliance/drill/" + drill.getString("id")));
    }

    private static List<Map<String, String>> reads(String auditor, String action, String resource) {
        List<Map<String, Object>> events = Vault.as(auditor).queryParam("action", action).queryParam("size", 1000)
                .get("/api/audit").then().statusCode(200).extract().jsonPath()
                .getList("items.findAll { it.resource == '" + resource + "' }");
        return events.stream().map(e -> Map.of("actor", (String) e.get("actor"), "state",
                (String) ((Map<?, ?>) e.get("detail")).get("state"))).toList();
    }

    @Test
    void aBrokenAuditChainFailsTheChainCheck() throws Exception {
        String analyst = Vault.user("anna", "analyst");
        String auditor = Vault.user("aude", "auditor");
        String docId = Vault.upload(analyst, "minutes.txt", Samples.text(300)).then().statusCode(201).extract()
                .path("id");
        Vault.upload(analyst, "minutes-2.txt", Samples.text(300)).then().statusCode(201);
        long seq = Vault.as(auditor).queryParam("documentId", docId).queryParam("action", "document.upload")
                .get("/api/audit").then().statusCode(200).extract().jsonPath().getLong("items[0].seq");
        String line = JournalOnDisk.lineOf(seq);
        JournalOnDisk.Tampering tampering = JournalOnDisk.tamper(JournalOnDisk.segmentHolding(seq),
                text -> text.replace(line, line.replace("\"action\":\"document.upload\"", "\"action\":\"document.upl0ad\"")));
        JsonPath report;
        try {
            report = Compliance.json(auditor, Compliance.report(auditor).getString("id"));
        } finally {
            tampering.restore();
        }
        Map<String, Object> chain = Compliance.check(report, "audit-chain");
        assertEquals("FAIL", chain.get("status"));
        assertTrue(chain.get("summary").toString().contains("broken from event " + seq), chain.toString());
        assertEquals("FAIL", report.getString("overall"));
    }

    @Test
    void suspendedVersioningFailsThePostureCheck() {
        String ops = Vault.user("oscar", "ops");
        JsonPath report;
        try (S3Client s3 = MotoTestResource.emulator().client(MotoEmulator.REGION)) {
            ExpectedErrors.announce("IS NOT COMPLIANT", "this test suspends the bucket's versioning");
            ExpectedErrors.announce("was written but not uploaded", "a bucket with versioning suspended returns no "
                    + "version id for the report's files");
            s3.putBucketVersioning(b -> b.bucket(MotoEmulator.BUCKET)
                    .versioningConfiguration(v -> v.status(BucketVersioningStatus.SUSPENDED)));
            try {
                report = Compliance.json(ops, Compliance.report(ops).getString("id"));
            } finally {
                s3.putBucketVersioning(b -> b.bucket(MotoEmulator.BUCKET)
                        .versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
            }
        }
        Map<String, Object> posture = Compliance.check(report, "s3-posture");
        assertEquals("FAIL", posture.get("status"));
        assertTrue(posture.get("summary").toString().contains("versioning is Suspended"), posture.toString());
    }

    @Test
    void aBackupVersionWhoseS3ChecksumDiffersFailsTheCoverageCheck() {
        String analyst = Vault.user("anna", "analyst");
        String ops = Vault.user("oscar", "ops");
        String id = Vault.upload(analyst, "invoice.txt", Samples.text(800)).then().statusCode(201).extract().path("id");
        Compliance.backup(ops);
        JsonPath report;
        String forged;
        try (BackedUpTampering tampering = new BackedUpTampering(id)) {
            forged = tampering.forgedVersion;
            report = Compliance.json(ops, Compliance.report(ops).getString("id"));
        }
        Map<String, Object> coverage = Compliance.check(report, "backup-coverage");
        assertEquals("FAIL", coverage.get("status"));
        assertTrue(coverage.get("summary").toString().contains("document " + id), coverage.toString());
        String reason = report.getString("coverage.exceptions.find { it.documentId == '" + id + "' }.reason");
        assertTrue(reason.contains("for version " + forged + ", the catalog has"), reason);
    }

    @Test
    void aLaterReportAsksS3OnlyForTheChecksumsOfNewDocumentsAndStillFindsAnOldVersionGone() {
        String analyst = Vault.user("anna", "analyst");
        String ops = Vault.user("oscar", "ops");
        String old = Vault.upload(analyst, "old.txt", Samples.text(700)).then().statusCode(201).extract().path("id");
        Compliance.backup(ops);
        // Confirmed long before the report that follows, as a document of last month would be.
        QuarkusTransaction.requiringNew().run(() -> Document.update("backedUpAt = ?1 where id = ?2",
                Instant.now().minus(Duration.ofDays(30)), old));
        JsonPath first = Compliance.json(ops, Compliance.report(ops).getString("id"));
        assertEquals("PASS", Compliance.check(first, "backup-coverage").get("status"), first::prettify);

        String fresh = Vault.upload(analyst, "new.txt", Samples.text(710)).then().statusCode(201).extract().path("id");
        Compliance.backup(ops);
        JsonPath second = Compliance.json(ops, Compliance.report(ops).getString("id"));
        assertEquals("PASS", Compliance.check(second, "backup-coverage").get("status"), second::prettify);
        assertNotNull(second.getString("coverage.checksums.fullSince"), second::prettify);
        long inFull = second.getLong("coverage.checksums.checkedInFull");
        long older = second.getLong("coverage.checksums.olderDocuments");
        assertTrue(older >= 1, second::prettify);
        assertEquals(second.getLong("coverage.documents"), inFull + older, second::prettify);
        assertEquals(0, second.getLong("coverage.checksums.olderSampled"), second::prettify);
        assertTrue(Compliance.check(second, "backup-coverage").get("summary").toString()
                .contains("and for 0 of the " + older + " older one(s) drawn at random"), second::prettify);

        String genuine = QuarkusTransaction.requiringNew().call(() -> Document.<Document>findById(old).backupVersionId);
        QuarkusTransaction.requiringNew().run(() -> Document.update("backupVersionId = ?1 where id = ?2",
                "no-such-version", old));
        JsonPath third;
        try {
            third = Compliance.json(ops, Compliance.report(ops).getString("id"));
        } finally {
            QuarkusTransaction.requiringNew().run(() -> Document.update("backupVersionId = ?1 where id = ?2", genuine,
                    old));
        }
        assertEquals("FAIL", Compliance.check(third, "backup-coverage").get("status"), third::prettify);
        String reason = third.getString("coverage.exceptions.find { it.documentId == '" + old + "' }.reason");
        assertTrue(reason.contains("version no-such-version of documents/" + old + " is not in bucket"), reason);
        assertNull(third.get("coverage.checksums.checkedThrough"), third::prettify);

        // The failure left no mark: the next report asks S3 for every checksum again.
        JsonPath fourth = Compliance.json(ops, Compliance.report(ops).getString("id"));
        assertNull(fourth.get("coverage.checksums.fullSince"), fourth::prettify);
        assertEquals(fourth.getLong("coverage.documents") - fourth.getList("coverage.exceptions").size(),
                fourth.getLong("coverage.checksums.checkedInFull"), fourth::prettify);
        assertFalse(fourth.getList("coverage.exceptions.documentId").contains(fresh), fourth::prettify);
    }
}
