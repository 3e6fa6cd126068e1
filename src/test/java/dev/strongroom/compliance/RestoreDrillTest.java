package dev.strongroom.compliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strongroom.backup.MotoEmulator;
import dev.strongroom.backup.MotoTestResource;
import dev.strongroom.catalog.BackupState;
import dev.strongroom.catalog.Document;
import dev.strongroom.support.RequiresEmulator;
import dev.strongroom.support.Samples;
import dev.strongroom.support.Vault;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

@RequiresEmulator
@QuarkusTest
class RestoreDrillTest {

    @Test
    void aDrillOfAHundredDocumentsPassesAndTheNextReportShowsIt() throws Exception {
        String analyst = Vault.user("anna", "analyst");
        String ops = Vault.user("oscar", "ops");
        String auditor = Vault.user("aude", "auditor");
        // Tests that ran before may have backed up documents already; only the missing ones are uploaded.
        long backedUp = QuarkusTransaction.requiringNew()
                .call(() -> Document.count("backupState", BackupState.BACKED_UP));
        ExecutorService uploads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 100 - backedUp; i++) {
                int n = i;
                done.add(uploads.submit(() -> Vault.upload(analyst, "slip-" + n + ".txt", Samples.text(200 + n)).then()
                        .statusCode(201)));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            uploads.shutdown();
        }
        Compliance.backup(ops);

        JsonPath drill = Compliance.drill(auditor, Map.of("sampleSize", 100));
        assertEquals("passed", drill.getString("state"), drill::prettify);
        assertEquals(100, drill.getInt("sampleSize"));
        assertEquals(100, drill.getInt("passed"));
        assertEquals(0, drill.getInt("failed"));
        assertTrue(drill.getString("replicaNote").startsWith("skipped"), drill.getString("replicaNote"));
        List<Map<String, Object>> items = Vault.as(ops).get("/api/compliance/drills/" + drill.getString("id") + "/items")
                .then().statusCode(200).extract().jsonPath().getList("$");
        assertEquals(100, items.size());
        assertTrue(items.stream().allMatch(i -> "PASS".equals(i.get("outcome")) && i.get("versionId") != null
                && ((Number) i.get("durationMs")).longValue() >= 0), items::toString);
        Path scratch = Path.of(ConfigProvider.getConfig().getValue("strongroom.data-dir", String.class), "drill-scratch");
        try (Stream<Path> left = Files.exists(scratch) ? Files.walk(scratch).filter(Files::isRegularFile) : Stream.empty()) {
            assertEquals(0, left.count(), "the scratch folder is emptied");
        }

        JsonPath report = Compliance.json(auditor, Compliance.report(auditor).getString("id"));
        assertEquals(drill.getString("id"), report.getString("drill.id"));
        assertEquals(100, report.getInt("drill.sampleSize"));
        assertEquals("PASS", Compliance.check(report, "restore-drill").get("status"));
    }

    @Test
    void aCorruptedObjectFailsTheDrillNamingDocumentAndVersion() {
        String analyst = Vault.user("anna", "analyst");
        String ops = Vault.user("oscar", "ops");
        String id = Vault.upload(analyst, "statement.txt", Samples.text(900)).then().statusCode(201).extract().path("id");
        Compliance.backup(ops);
        JsonPath drill;
        JsonPath report;
        String forged;
        try (BackedUpTampering tampering = new BackedUpTampering(id)) {
            forged = tampering.forgedVersion;
            drill = Compliance.drill(ops, Map.of("sampleSize", 100_000));
            report = Compliance.json(ops, Compliance.report(ops).getString("id"));
        }
        assertEquals("failed", drill.getString("state"), drill::prettify);
        assertEquals(drill.getInt("population"), drill.getInt("sampleSize"), "every backed-up document was restored");
        Map<String, Object> failure = drill.<Map<String, Object>>getList("failures").stream()
                .filter(f -> id.equals(f.get("documentId"))).findFirst().orElseThrow(() -> new AssertionError(
                        drill.prettify()));
        assertEquals(forged, failure.get("versionId"));
        assertTrue(failure.get("reason").toString().contains("does not hash to the catalog's"), failure.toString());

        Map<String, Object> check = Compliance.check(report, "restore-drill");
        assertEquals("FAIL", check.get("status"));
        assertTrue(check.get("summary").toString().contains("document " + id + " version " + forged), check.toString());
        Vault.as(analyst).contentType("application/json").body(Map.of()).post("/api/compliance/drills").then()
                .statusCode(403);
    }

    @Test
    void onDemandADrillAlsoRecordsTheSnapshotReconcileDryRun() {
        String ops = Vault.user("oscar", "ops");
        Vault.upload(Vault.user("anna", "analyst"), "note.txt", Samples.text(400)).then().statusCode(201);
        Compliance.backup(ops);
        JsonPath drill = Compliance.drill(ops, Map.of("sampleSize", 1, "reconcile", true));
        assertEquals(1, drill.getInt("sampleSize"), drill::prettify);
        assertTrue(drill.getString("reconcileId").startsWith("reconcile-"), drill::prettify);
        assertTrue(List.of("succeeded", "failed").contains(drill.getString("reconcileState")), drill::prettify);
        assertTrue(drill.getString("reconcileSummary").startsWith("dry run " + drill.getString("reconcileState")),
                drill::prettify);
        assertEquals("succeeded".equals(drill.getString("reconcileState")) ? "passed" : "failed",
                drill.getString("state"), "a failed dry run fails the drill");
    }

    @Test
    void askedForTheReplicaADrillRestoresFromItTooAndNamesWhatItLacks() {
        String analyst = Vault.user("anna", "analyst");
        String ops = Vault.user("oscar", "ops");
        String copied = Vault.upload(analyst, "copied.txt", Samples.text(500)).then().statusCode(201).extract()
                .path("id");
        String missing = Vault.upload(analyst, "not-copied.txt", Samples.text(501)).then().statusCode(201).extract()
                .path("id");
        Compliance.backup(ops);
        // The emulator keeps the replication rule but copies nothing; copy one document by hand, as S3 would.
        try (S3Client replica = MotoTestResource.emulator().client(MotoEmulator.REPLICA_REGION)) {
            replica.putObject(b -> b.bucket(MotoEmulator.REPLICA_BUCKET).key("documents/" + copied)
                    .checksumAlgorithm("SHA256"),
                    RequestBody.fromBytes(Vault.as(analyst).get("/api/documents/" + copied + "/content").then()
                            .statusCode(200).extract().asByteArray()));
        }
        JsonPath drill = Compliance.drill(ops, Map.of("sampleSize", 100_000, "replica", true));
        assertTrue(drill.getBoolean("replicaChecked"), drill::prettify);
        assertEquals(MotoEmulator.REPLICA_BUCKET, drill.getString("replicaBucket"));
        assertEquals(2 * drill.getInt("sampleSize"), drill.getInt("planned"));
        List<Map<String, Object>> items = Vault.as(ops).get("/api/compliance/drills/" + drill.getString("id") + "/items")
                .then().statusCode(200).extract().jsonPath().getList("$");
        Map<String, Object> fromReplica = item(items, copied, "replica");
        assertEquals("PASS", fromReplica.get("outcome"), fromReplica.toString());
        Map<String, Object> lacking = item(items, missing, "replica");
        assertEquals("FAIL", lacking.get("outcome"));
        assertTrue(lacking.get("reason").toString().contains("is not in bucket " + MotoEmulator.REPLICA_BUCKET),
                lacking.toString());
        assertEquals("PASS", item(items, missing, "primary").get("outcome"));
        assertEquals("failed", drill.getString("state"), "a document the replica lacks fails the drill");
    }

    private static Map<String, Object> item(List<Map<String, Object>> items, String documentId, String bucket) {
        return items.stream().filter(i -> documentId.equals(i.get("documentId")) && bucket.equals(i.get("bucket")))
                .findFirst().orElseThrow(() -> new AssertionError("no " + bucket + " item for " + documentId));
    }
}
