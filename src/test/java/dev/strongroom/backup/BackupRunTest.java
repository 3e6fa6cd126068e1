package dev.strongroom.backup;

import dev.strongroom.storage.Sha256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.awaitility.Awaitility.await;

import dev.strongroom.VaultIdentity;
import dev.strongroom.storage.HostKeys;
import dev.strongroom.support.RequiresEmulator;
import dev.strongroom.support.Samples;
import dev.strongroom.support.Vault;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
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

    /**
     * A run after which nothing the catalog export reads has changed refers to the export before it and writes lists of
     * only what it added (the journal it shipped), each naming the list before it, until a whole list comes round
     * again (every third run in tests); a change, here an upload, makes the next run export the catalog again.
     */
    @Test
    void aRunWithNothingNewRefersToTheExportBeforeItAndListsOnlyWhatItAdded() throws Exception {
        String alice = Vault.user("alice", "analyst");
        String ops = Vault.user("olga", "ops");
        HostKeys keys = HostKeys.of(identity.hostId());
        try (S3Client s3 = MotoTestResource.emulator().client(MotoEmulator.REGION)) {
            Manifest[] before = { null };
            int[] deltas = { -1 };
            // The shared test vault may still be extracting other tests' documents: runs go on until the catalog is
            // quiet for three in a row, each checked against the one before it.
            await("a run that refers to an earlier export and writes its lists whole").atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ZERO).until(() -> {
                        JsonPath run = Backups.runToEndOnceFree(ops);
                        assertEquals("succeeded", run.getString("state"), run::prettify);
                        Manifest m = manifest(s3, keys, run.getString("id"));
                        Manifest previous = before[0];
                        before[0] = m;
                        List<String> versions = lines(s3, m.versions());
                        List<String> checksums = lines(s3, m.checksums());
                        boolean reused = !m.catalog().key().equals(keys.catalog(m.run().id()));
                        if (!reused) {
                            assertTrue(versions.contains(m.catalog().key() + "\t" + m.catalog().versionId() + "\t"
                                    + m.catalog().sha256()), "a whole list names the run's own export");
                            deltas[0] = 0;
                            return false;
                        }
                        assertTrue(previous != null, "the first run of this test found an export to refer to");
                        assertEquals(previous.catalog(), m.catalog(), "the export of the run before, as it was");
                        if (deltas[0] < 0) {
                            deltas[0] = versions.get(0).startsWith(ListFiles.DELTA_OF) ? 1 : 0;
                            return false;
                        }
                        if (deltas[0] + 1 < 3) {
                            assertEquals(ListFiles.DELTA_OF + previous.versions().key() + " "
                                    + previous.versions().sha256(), versions.get(0));
                            assertEquals(ListFiles.DELTA_OF + previous.checksums().key() + " "
                                    + previous.checksums().sha256(), checksums.get(0));
                            assertTrue(versions.size() > 1, "the journal the run shipped: " + versions);
                            for (String line : versions.subList(1, versions.size())) {
                                assertTrue(line.startsWith(keys.journal()), "only the journal: " + versions);
                            }
                            assertEquals(versions.size(), checksums.size());
                            deltas[0]++;
                            return false;
                        }
                        assertTrue(versions.stream().noneMatch(l -> l.startsWith("#")), "a whole list: " + versions);
                        assertTrue(versions.contains(m.catalog().key() + "\t" + m.catalog().versionId() + "\t"
                                + m.catalog().sha256()), "a whole list names the export the run refers to");
                        return true;
                    });

            byte[] bytes = Samples.text(4_321);
            String id = Vault.upload(alice, "after-the-quiet.txt", bytes).then().statusCode(201).extract().path("id");
            JsonPath run = Backups.runToEnd(ops);
            Manifest m = manifest(s3, keys, run.getString("id"));
            assertEquals(keys.catalog(m.run().id()), m.catalog().key(), "the upload changed the catalog");
            List<String> versions = lines(s3, m.versions());
            assertTrue(versions.stream().anyMatch(l -> l.startsWith("documents/" + id + "\t")), "whole again");
            assertTrue(versions.stream().noneMatch(l -> l.startsWith("#")), "whole again");
        }
    }

    private static Manifest manifest(S3Client s3, HostKeys keys, String runId) throws java.io.IOException {
        return BackupJson.MAPPER.readValue(s3.getObjectAsBytes(b -> b.bucket(MotoEmulator.BUCKET)
                .key(keys.manifest(runId))).asByteArray(), Manifest.class);
    }

    private static List<String> lines(S3Client s3, Manifest.ObjectRef list) {
        return s3.getObjectAsBytes(b -> b.bucket(MotoEmulator.BUCKET).key(list.key()).versionId(list.versionId()))
                .asUtf8String().lines().toList();
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
