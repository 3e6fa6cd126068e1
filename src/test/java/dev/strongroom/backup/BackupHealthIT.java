package dev.strongroom.backup;

import dev.strongroom.storage.HostKeys;
import dev.strongroom.storage.Sha256;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strongroom.support.Samples;
import dev.strongroom.support.Vault;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Backup health tells the truth about the packaged vault's backup when S3 misbehaves the way it did:
 * an emulator that stops answering in the middle of a run (a stall, reported while it lasts), and
 * the backup the vault believes in disappearing because ./run's emulator restarted with nothing in
 * it (first not even the bucket, then a new empty bucket of the same name): the spot-check notices,
 * backup health goes DOWN and says why, every document goes back to pending, and once the bucket is
 * there again a run uploads everything under a new manifest chain that restores on its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BackupHealthIT {

    private MotoEmulator moto;
    private Path work;
    private Map<String, String> env;
    private VaultProcess vault;
    private String alice;
    private String ops;

    @BeforeAll
    void start() {
        moto = MotoEmulator.startProvisioned();
        work = Path.of("target", "it-health-" + UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();
        env = new HashMap<>(moto.environment());
        env.put("STRONGROOM_BACKUP_CRON", "off");
        env.put("STRONGROOM_BACKUP_SPOT_CHECK_EVERY", "2s");
        env.put("STRONGROOM_BACKUP_STALL_AFTER", "PT3S");
        env.put("STRONGROOM_STARTUP_BACKGROUND_DELAY", "1s");
        vault = VaultProcess.start(work.resolve("data"), env, null, "backup-health");
        RestAssured.port = vault.port();
        alice = Vault.user("alice", "analyst");
        ops = Vault.user("olga", "ops");
    }

    @AfterAll
    void stop() {
        if (vault != null) {
            vault.close();
        }
        if (moto != null) {
            moto.close();
        }
        RestAssured.reset();
    }

    @Test
    @Order(1)
    void aRunThatStopsMovingIsReportedStalledInTheLogTheRunTheStatusAndHealthUntilItMovesAgain() {
        for (int i = 0; i < 6; i++) {
            Vault.upload(alice, "statement-" + i + ".txt", Samples.text(4 * 1024 * 1024 + i)).then().statusCode(201);
        }
        // S3 stops answering before the run starts, so it hangs in its first request wherever the machine's
        // load puts it.
        moto.freeze();
        String runId;
        try {
            runId = Backups.start(ops);
            String run = runId;
            JsonPath stalled = Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .until(() -> Backups.get(ops, run), view -> view.get("stalledSeconds") != null);
            assertEquals("running", stalled.getString("state"), stalled::prettify);
            assertTrue(stalled.getLong("stalledSeconds") >= 3, stalled::prettify);
            JsonPath status = Vault.as(ops).get("/api/backups/status").then().statusCode(200).extract().jsonPath();
            assertEquals(run, status.getString("stall.runId"), status::prettify);
            assertTrue(status.getList("problems").toString().contains("backup run " + run
                    + " has made no progress for"), status::prettify);
            JsonPath down = awaitBackupHealth("DOWN");
            assertTrue(down.getString("checks.find { it.name == 'backup' }.data.problem").contains("no progress"),
                    down::prettify);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> vault.log().contains("Backup run " + run
                    + " STALLED: no progress for"));
        } finally {
            moto.resume();
        }
        JsonPath done = Backups.await(ops, runId, Duration.ofMinutes(5));
        assertEquals("succeeded", done.getString("state"), done::prettify);
        assertEquals(6, done.getInt("documents"), done::prettify);
        assertTrue(vault.log().contains("Backup run " + runId + " moves again"), vault::logTail);
        awaitBackupHealth("UP");
    }

    @Test
    @Order(2)
    void anEmulatorRestartedEmptyIsNoticedReportedAndFilledAgain() throws Exception {
        Map<String, String> sha256ById = new LinkedHashMap<>();
        for (int i = 0; i < 3; i++) {
            byte[] bytes = Samples.text(1_000 + i);
            sha256ById.put(Vault.upload(alice, "receipt-" + i + ".txt", bytes).then().statusCode(201).extract()
                    .path("id"), Samples.sha256(bytes));
        }
        assertEquals("succeeded", Backups.runToEnd(ops).getString("state"));
        awaitBackupHealth("UP");
        int backedUp = Vault.as(ops).get("/api/documents?size=200").then().statusCode(200).extract()
                .jsonPath().getList("items").size();

        moto = moto.restartEmpty();
        JsonPath down = awaitBackupHealth("DOWN");
        assertTrue(down.getString("checks.find { it.name == 'backup' }.data.problem")
                .contains("no longer holds what the vault confirmed"), down::prettify);
        JsonPath status = Vault.as(ops).get("/api/backups/status").then().statusCode(200).extract().jsonPath();
        assertEquals(backedUp, status.getInt("pendingDocuments"), "every document is pending again: "
                + status.prettify());
        assertFalse(status.getList("spotCheck.findings").isEmpty(), status::prettify);
        assertTrue(vault.log().contains("BACKUP IN BUCKET " + MotoEmulator.BUCKET
                + " IS NOT WHAT THE VAULT CONFIRMED"), vault::logTail);
        for (String id : sha256ById.keySet()) {
            Vault.as(ops).get("/api/documents/" + id).then().statusCode(200).body("backupState", equalTo("PENDING"));
        }
        Vault.as(Vault.user("audrey", "auditor")).get("/api/audit?action=backup.spot-check").then()
                .statusCode(200).body("items[0].outcome", equalTo("failure"));

        // As ./run does after a restart: the emulator is provisioned before the vault starts (moto refuses
        // Object Lock settings on a bucket that already holds objects, so provisioning under a running
        // vault's re-upload would race it).
        vault.close();
        moto.provision();
        vault = VaultProcess.start(work.resolve("data"), env, null, "backup-health-again");
        RestAssured.port = vault.port();
        JsonPath[] last = new JsonPath[1];
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            last[0] = Vault.as(ops).get("/api/backups/status").then().statusCode(200).extract().jsonPath();
            assertEquals(0, last[0].getInt("pendingDocuments"), last[0].prettify());
            assertEquals(List.of(), last[0].getList("problems"), last[0].prettify());
        });
        awaitBackupHealth("UP");
        assertTrue(vault.log().contains("starts a new manifest chain"), vault::logTail);

        try (S3Client s3 = moto.client(MotoEmulator.REGION)) {
            for (Map.Entry<String, String> doc : sha256ById.entrySet()) {
                assertEquals(Sha256.base64OfHex(doc.getValue()), s3.headObject(b -> b.bucket(MotoEmulator.BUCKET)
                        .key("documents/" + doc.getKey()).checksumMode(ChecksumMode.ENABLED)).checksumSHA256());
            }
            List<String> manifests = new ArrayList<>(s3.listObjectsV2Paginator(b -> b.bucket(MotoEmulator.BUCKET)
                    .prefix(HostKeys.HOSTS)).contents().stream().map(S3Object::key)
                    .filter(k -> k.contains("/manifests/") && k.endsWith(".json"))
                    .toList());
            JsonNode manifest = BackupJson.MAPPER.readTree(s3.getObjectAsBytes(b -> b.bucket(MotoEmulator.BUCKET)
                    .key(manifests.get(manifests.size() - 1))).asByteArray());
            assertNull(manifest.get("previous"), "the first manifest in the new bucket starts a chain: " + manifest);
            assertEquals(backedUp, manifest.get("documents").size(), manifest.toString());
            assertFalse(manifest.get("journal").isEmpty(), "the whole journal is shipped again: " + manifest);
        }

        // The new chain alone restores the vault.
        ProcessBuilder builder = new ProcessBuilder("deploy/restore-from-s3.sh", "--data-dir",
                work.resolve("restored").toString()).redirectErrorStream(true);
        builder.environment().putAll(moto.environment());
        builder.environment().put("STRONGROOM_APP_DIR", VaultProcess.appJar().getParent().toString());
        Process run = builder.start();
        String out = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(run.waitFor(5, TimeUnit.MINUTES));
        assertEquals(0, run.exitValue(), out);
        assertTrue(out.contains(backedUp + " restored, 0 skipped"), out);
        for (String sha256 : sha256ById.values()) {
            assertTrue(Files.isRegularFile(work.resolve("restored/blobs").resolve(sha256.substring(0, 2))
                    .resolve(sha256.substring(2, 4)).resolve(sha256)), "blob " + sha256);
        }
    }

    private static JsonPath awaitBackupHealth(String state) {
        JsonPath[] last = new JsonPath[1];
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            last[0] = RestAssured.given().get("/q/health/well").then().extract().jsonPath();
            assertEquals(state, last[0].getString("checks.find { it.name == 'backup' }.status"), last[0].prettify());
        });
        return last[0];
    }
}
