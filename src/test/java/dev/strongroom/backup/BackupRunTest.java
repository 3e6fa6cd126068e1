package dev.strongroom.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.strongroom.support.Samples;
import dev.strongroom.support.Vault;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Every @QuarkusTest shares this emulator (restrictToAnnotatedClass = false), so the app boots once. */
@QuarkusTest
@QuarkusTestResource(value = MotoTestResource.class, restrictToAnnotatedClass = false)
class BackupRunTest {

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
                    .key("manifests/" + second.getString("id") + ".json")).contentLength() > 0);
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

    @Test
    void runsAreForOpsAndAudited() {
        String alice = Vault.user("alice", "analyst");
        String ops = Vault.user("olga", "ops");
        String auditor = Vault.user("audrey", "auditor");
        Vault.as(alice).post("/api/backups/runs").then().statusCode(403).contentType("application/problem+json");
        String runId = Backups.runToEnd(ops).getString("id");
        Vault.as(ops).get("/api/backups/runs/no-such-run").then().statusCode(404)
                .contentType("application/problem+json");
        List<String> actions = new ArrayList<>(Vault.as(auditor).queryParam("size", 1000)
                .get("/api/audit?from=2000-01-01").then().statusCode(200).extract().path("items.findAll { it.resource == 'backup/run/"
                        + runId + "' }.action"));
        assertTrue(actions.contains("backup.run.start"), actions::toString);
        assertTrue(actions.contains("backup.run"), actions::toString);
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

    private static int documentVersions(S3Client s3) {
        return (int) s3.listObjectVersionsPaginator(b -> b.bucket(MotoEmulator.BUCKET).prefix("documents/")).versions()
                .stream().count();
    }
}
