package dev.strongroom.backup;

import dev.strongroom.catalog.H2PassOnly;
import dev.strongroom.storage.Sha256;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strongroom.support.RequiresEmulator;
import dev.strongroom.support.Samples;
import dev.strongroom.support.Vault;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;

@H2PassOnly("S3 stopping in the middle of a run; the catalog's side of a run (its marks, its export) runs on "
        + "PostgreSQL in BackupRunTest and CatalogExportTest")
@RequiresEmulator
@QuarkusTest
class EmulatorOutageTest {

    @Test
    void aRunCutOffByAStoppedEmulatorIsCompletedByTheNextWithNothingLostDuplicatedOrFalselyMarked() {
        String alice = Vault.user("alice", "analyst");
        String ops = Vault.user("olga", "ops");
        assertEquals("succeeded", Backups.runToEnd(ops).getString("state"), "start from a clean slate");
        Map<String, String> sha256ById = new LinkedHashMap<>();
        for (int i = 0; i < 30; i++) {
            byte[] bytes = Samples.text(4 * 1024 * 1024 + i);
            sha256ById.put(Vault.upload(alice, "big-" + i + ".txt", bytes).then().statusCode(201).extract().path("id"),
                    Samples.sha256(bytes));
        }
        MotoEmulator moto = MotoTestResource.emulator();

        String runId = Backups.start(ops);
        awaitSomeProgress(ops, runId);
        moto.freeze();
        JsonPath cutOff;
        try {
            cutOff = Backups.await(ops, runId, Duration.ofMinutes(5));
        } finally {
            moto.resume();
        }
        assertEquals("failed", cutOff.getString("state"), cutOff::prettify);
        assertTrue(cutOff.getInt("documents") < 30, "the outage cut the run short: " + cutOff.prettify());
        assertTrue(cutOff.getList("errors").toString().contains("unavailable"), cutOff::prettify);

        try (S3Client s3 = moto.client(MotoEmulator.REGION)) {
            int marked = 0;
            for (Map.Entry<String, String> doc : sha256ById.entrySet()) {
                JsonPath view = Vault.as(ops).get("/api/documents/" + doc.getKey()).then().statusCode(200).extract()
                        .jsonPath();
                if ("BACKED_UP".equals(view.getString("backupState"))) {
                    marked++;
                    assertConfirmed(s3, doc.getKey(), view.getString("backupVersionId"), doc.getValue());
                }
            }
            assertEquals(cutOff.getInt("documents"), marked, "exactly the documents the run counted are marked");

            JsonPath next = Backups.runToEnd(ops);
            assertEquals("succeeded", next.getString("state"), next::prettify);
            for (Map.Entry<String, String> doc : sha256ById.entrySet()) {
                JsonPath view = Vault.as(ops).get("/api/documents/" + doc.getKey()).then().statusCode(200).extract()
                        .jsonPath();
                assertEquals("BACKED_UP", view.getString("backupState"), "document " + doc.getKey());
                assertConfirmed(s3, doc.getKey(), view.getString("backupVersionId"), doc.getValue());
                List<String> versions = MotoEmulator.versionsOf(s3, MotoEmulator.BUCKET, "documents/" + doc.getKey());
                assertEquals(1, versions.size(), "one S3 version of " + doc.getKey() + ", not " + versions);
            }
        }
    }

    private static void assertConfirmed(S3Client s3, String id, String versionId, String sha256) {
        String checksum = s3.headObject(b -> b.bucket(MotoEmulator.BUCKET).key("documents/" + id).versionId(versionId)
                .checksumMode(ChecksumMode.ENABLED)).checksumSHA256();
        assertEquals(Sha256.base64OfHex(sha256), checksum, "S3 holds the confirmed bytes of " + id);
    }

    /**
     * Waits until the run has sent a few documents' bytes, so the emulator stops in the middle of it.
     * Not the confirmed count: the run counts documents as their marks commit, in batches, by which
     * time a fast run may have sent everything.
     */
    private static void awaitSomeProgress(String ops, String runId) {
        await("the run sends a few documents' bytes").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(10))
                .until(() -> {
                    JsonPath run = Backups.get(ops, runId);
                    if (!"running".equals(run.getString("state"))) {
                        throw new AssertionError("the run ended before the emulator could be stopped: " + run.prettify());
                    }
                    return run.getLong("bytes") >= 2L * 4 * 1024 * 1024;
                });
    }
}
