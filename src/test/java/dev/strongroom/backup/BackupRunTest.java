package dev.strongroom.backup;

import dev.strongroom.storage.Sha256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.strongroom.VaultIdentity;
import dev.strongroom.storage.HostKeys;
import dev.strongroom.support.RequiresEmulator;
import dev.strongroom.support.Samples;
import dev.strongroom.support.Vault;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Every @QuarkusTest shares this emulator (restrictToAnnotatedClass = false), so the app boots once. */
@RequiresEmulator
@QuarkusTest
@QuarkusTestResource(value = MotoTestResource.class, restrictToAnnotatedClass = false)
class BackupRunTest {

    @Inject
    VaultIdentity identity;

    @Test
    void fiftyUploadsAreConfirmedInS3AndASecondRunUploadsNothing() {
        String alice = Vault.user("alice", "analyst");
        String ops = Vault.user("olga", "ops");
        Map<String, String> sha256ById = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 50; i++) {
            byte[] bytes = Samples.text(1_000 + i * 37);
            String id = Vault.upload(alice, "receipt-" + i + ".txt", bytes).then().statusCode(201).extract().path("id");
            sha256ById.put(id, Samples.sha256(bytes));
        }

        JsonPath first = Backups.runToEnd(ops);
        assertEquals("succeeded", first.getString("state"), () -> "first run: " + first.prettify());
        assertTrue(first.getInt("documents") >= 50, "the run confirmed at least our 50 documents");
        assertEquals(0, first.getInt("failed"));
        assertNotNull(first.getString("finishedAt"));

        try (S3Client s3 = MotoTestResource.emulator().client(MotoEmulator.REGION)) {
            for (Map.Entry<String, String> doc : sha256ById.entrySet()) {
                JsonPath view = Vault.as(ops).get("/api/documents/" + doc.getKey()).then().statusCode(200)
                        .body("backupState", equalTo("BACKED_UP")).extract().jsonPath();
                String versionId = view.getString("backupVersionId");
                HeadObjectResponse head = s3.headObject(b -> b.bucket(MotoEmulator.BUCKET)
                        .key("documents/" + doc.getKey()).versionId(versionId).checksumMode(ChecksumMode.ENABLED));
                assertEquals(Sha256.base64OfHex(doc.getValue()), head.checksumSHA256(), "S3 checksum of " + doc.getKey());
                assertEquals(doc.getValue(), head.metadata().get("sha256"));
                assertEquals(doc.getKey(), head.metadata().get("document-id"));
                assertEquals("COMPLIANCE", head.objectLockModeAsString());
            }
            int versionsBefore = documentVersions(s3);

            JsonPath second = Backups.runToEnd(ops);
            assertEquals("succeeded", second.getString("state"));
            assertEquals(0, second.getInt("planned"));
            assertEquals(0, second.getInt("documents"));
            assertEquals(0L, second.getLong("bytes"));
            assertEquals(versionsBefore, documentVersions(s3), "the second run wrote no document version");
            assertTrue(s3.headObject(b -> b.bucket(MotoEmulator.BUCKET)
                    .key(HostKeys.of(identity.hostId()).manifest(second.getString("id")))).contentLength() > 0);
        }
        Vault.as(ops).get("/api/backups/runs").then().statusCode(200).body("id", hasItem(first.getString("id")));
    }

    @Test
    void objectLockRefusesToDeleteABackedUpVersion() {
        String alice = Vault.user("alice", "analyst");
        String ops = Vault.user("olga", "ops");
        String id = Vault.upload(alice, "locked.txt", Samples.text(700)).then().statusCode(201).extract().path("id");
        assertEquals("succeeded", Backups.runToEnd(ops).getString("state"));
        String versionId = Vault.as(ops).get("/api/documents/" + id).then().extract().path("backupVersionId");

        try (S3Client s3 = MotoTestResource.emulator().client(MotoEmulator.REGION)) {
            S3Exception refused = assertThrows(S3Exception.class, () -> s3.deleteObject(b -> b
                    .bucket(MotoEmulator.BUCKET).key("documents/" + id).versionId(versionId)));
            assertEquals(403, refused.statusCode());
            assertTrue(MotoEmulator.versionsOf(s3, MotoEmulator.BUCKET, "documents/" + id).contains(versionId),
                    "the locked version is still there");
        }
    }

    /**
     * Polling a run while it runs leaves nothing in the trail; each user's first read of the finished
     * run does, once, and a read of a run that does not exist always does.
     */
    @Test
    void runsAreForOpsAndAuditedButTheirStatusPollsAreNot() {
        String alice = Vault.user("alice", "analyst");
        String ops = Vault.user("olga", "ops");
        String otherOps = Vault.user("otto", "ops");
        String auditor = Vault.user("audrey", "auditor");
        Vault.as(alice).post("/api/backups/runs").then().statusCode(403).contentType("application/problem+json");
        String runId = Backups.runToEnd(ops).getString("id");
        for (int i = 0; i < 3; i++) {
            Backups.get(ops, runId);
            Backups.get(otherOps, runId);
        }
        Vault.as(ops).get("/api/backups/runs/no-such-run").then().statusCode(404)
                .contentType("application/problem+json");
        JsonPath trail = Vault.as(auditor).queryParam("size", 1000).get("/api/audit?from=2000-01-01").then()
                .statusCode(200).extract().jsonPath();
        List<String> actions = new ArrayList<>(trail.getList("items.findAll { it.resource == 'backup/run/" + runId
                + "' }.action"));
        assertTrue(actions.contains("backup.run.start"), actions::toString);
        assertTrue(actions.contains("backup.run"), actions::toString);
        List<Map<String, Object>> views = trail.getList("items.findAll { it.resource == 'backup/run/" + runId
                + "' && it.action == 'backup.run.view' }");
        assertEquals(List.of(otherOps, ops), views.stream().map(v -> v.get("actor")).toList(),
                () -> "one read of the finished run per user, none of the polls while it ran: " + views);
        views.forEach(v -> assertEquals("succeeded", ((Map<?, ?>) v.get("detail")).get("state"), v::toString));
        assertEquals(List.of("rejected"), trail.getList("items.findAll { it.resource == 'backup/run/no-such-run' "
                + "&& it.actor == '" + ops + "' }.outcome"));
    }

    @Test
    void statusAndHealthShowACompliantBucketAndNoLag() {
        String ops = Vault.user("olga", "ops");
        Backups.runToEnd(ops);
        Vault.as(ops).get("/api/backups/status").then().statusCode(200).body("configured", equalTo(true))
                .body("bucket", equalTo(MotoEmulator.BUCKET)).body("posture.compliant", equalTo(true))
                .body("pendingDocuments", equalTo(0));
        // Only the backup check: other wellness checks (snapshots) depend on what other tests stubbed.
        io.restassured.RestAssured.given().get("/q/health/well").then()
                .body("checks.find { it.name == 'backup' }.status", equalTo("UP"));
        Vault.as(ops).get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("strongroom_backup_lag_seconds"))
                .body(org.hamcrest.Matchers.containsString("strongroom_backup_pending_documents"));
        io.restassured.RestAssured.given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/api/backups/runs'.post.responses.'202'.description", org.hamcrest.Matchers.containsString("Started"))
                .body("paths.'/api/backups/runs'.post.responses.'503'.description", org.hamcrest.Matchers.containsString("not configured"));
    }

    /**
     * An interrupted run leaves objects S3 confirmed but the catalog never recorded. The next run
     * finds them in one listing, adopts the one that is the document's, uploads over the one that is
     * not, and asks nothing per document for keys the listing did not show.
     */
    @Test
    void aRunAdoptsWhatAnInterruptedRunLeftInS3AndAsksNothingPerDocumentForNewKeys() {
        String alice = Vault.user("alice", "analyst");
        String ops = Vault.user("olga", "ops");
        assertEquals("succeeded", Backups.runToEnd(ops).getString("state"), "start from a clean slate");
        byte[] leftBytes = Samples.text(3_001);
        byte[] strangerBytes = Samples.text(3_002);
        byte[] newBytes = Samples.text(3_003);
        String left = Vault.upload(alice, "left.txt", leftBytes).then().statusCode(201).extract().path("id");
        String stranger = Vault.upload(alice, "stranger.txt", strangerBytes).then().statusCode(201).extract().path("id");
        String fresh = Vault.upload(alice, "fresh.txt", newBytes).then().statusCode(201).extract().path("id");
        MotoEmulator moto = MotoTestResource.emulator();
        try (S3Client s3 = moto.client(MotoEmulator.REGION)) {
            String leftVersion = putAsARunWould(s3, left, leftBytes);
            String strangerVersion = putAsARunWould(s3, stranger, Samples.text(3_004));
            int requestsBefore = moto.requests().size();

            JsonPath run = Backups.runToEnd(ops);
            assertEquals("succeeded", run.getString("state"), run::prettify);
            assertEquals(3, run.getInt("documents"), run::prettify);
            assertEquals(1, run.getInt("adopted"), run::prettify);

            assertEquals(leftVersion, Vault.as(ops).get("/api/documents/" + left).then().statusCode(200)
                    .body("backupState", equalTo("BACKED_UP")).extract().path("backupVersionId"));
            assertEquals(List.of(leftVersion), MotoEmulator.versionsOf(s3, MotoEmulator.BUCKET, "documents/" + left),
                    "the left object was adopted, not uploaded again");
            String strangerMarked = Vault.as(ops).get("/api/documents/" + stranger).then().statusCode(200)
                    .body("backupState", equalTo("BACKED_UP")).extract().path("backupVersionId");
            assertTrue(!strangerVersion.equals(strangerMarked), "an object with other bytes is not adopted");
            assertEquals(Sha256.base64OfHex(Samples.sha256(strangerBytes)), s3.headObject(b -> b
                    .bucket(MotoEmulator.BUCKET).key("documents/" + stranger).versionId(strangerMarked)
                    .checksumMode(ChecksumMode.ENABLED)).checksumSHA256());

            List<String> runRequests = moto.requests().subList(requestsBefore, moto.requests().size());
            assertTrue(runRequests.stream().anyMatch(r -> r.startsWith("GET /" + MotoEmulator.BUCKET + "?")
                    && r.contains("list-type=2")),
                    runRequests::toString);
            assertEquals(List.of("PUT"), runRequests.stream().filter(r -> r.contains(" /" + MotoEmulator.BUCKET + "/documents/" + fresh))
                    .map(r -> r.substring(0, r.indexOf(' '))).toList(), "one PUT for a key the listing did not show");
        }
    }

    /** What a run cut off after S3's confirmation leaves: the document's object, its metadata, no catalog mark. */
    private static String putAsARunWould(S3Client s3, String id, byte[] bytes) {
        return s3.putObject(b -> b.bucket(MotoEmulator.BUCKET).key("documents/" + id)
                .metadata(Map.of("document-id", id, "sha256", Samples.sha256(bytes)))
                .checksumAlgorithm(software.amazon.awssdk.services.s3.model.ChecksumAlgorithm.SHA256)
                .checksumSHA256(Sha256.base64OfHex(Samples.sha256(bytes))),
                software.amazon.awssdk.core.sync.RequestBody.fromBytes(bytes)).versionId();
    }

    private static int documentVersions(S3Client s3) {
        return (int) s3.listObjectVersionsPaginator(b -> b.bucket(MotoEmulator.BUCKET).prefix("documents/")).versions()
                .stream().count();
    }
}
