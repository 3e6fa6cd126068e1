package dev.strongroom.backup;

import dev.strongroom.storage.Sha256;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strongroom.support.Samples;
import dev.strongroom.support.Vault;
import io.restassured.RestAssured;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The run command's emulator wrapper (deploy/local/with-emulator.sh) with the packaged vault: with
 * moto available, a document uploaded after start reaches the emulator's bucket through the schedule
 * (one period, then the run); with the emulator switched off, the vault runs and says backups are not configured.
 */
class RunWithEmulatorIT {

    private static final Duration PERIOD = Duration.ofSeconds(10);

    @AfterEach
    void reset() {
        RestAssured.reset();
    }

    private static List<String> command() {
        return List.of("deploy/local/with-emulator.sh", VaultProcess.javaBinary(), "-Xmx192m", "-jar",
                VaultProcess.appJar().toString());
    }

    @Test
    void theRunScriptStartsEmulatorAndVaultAndABackupAppearsWithinOneSchedulePeriod() throws IOException {
        Path work = Path.of("target", "it-run-" + UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();
        Path emulatorDir = work.resolve("emulator");
        Map<String, String> env = Map.of("STRONGROOM_EMULATOR_DIR", emulatorDir.toString(),
                // every 10 seconds, so "within one period" is measurable in a test
                "STRONGROOM_BACKUP_CRON", "*/10 * * * * ?");
        long motoPid;
        try (VaultProcess vault = VaultProcess.start(work.resolve("data"), env, command(), "run-script")) {
            RestAssured.port = vault.port();
            String endpoint = Files.readString(emulatorDir.resolve("endpoint")).strip();
            motoPid = Long.parseLong(Files.readString(emulatorDir.resolve("moto.pid")).strip());
            assertTrue(vault.log().contains("with-emulator: AWS emulator at " + endpoint), vault::logTail);
            assertTrue(vault.log().contains("the emulator keeps everything in MEMORY ONLY"), vault::logTail);

            String alice = Vault.user("alice", "analyst");
            byte[] bytes = Samples.text(5_000);
            String id = Vault.upload(alice, "scheduled.txt", bytes).then().statusCode(201).extract().path("id");

            try (S3Client s3 = S3Client.builder().region(Region.of("eu-central-1"))
                    .endpointOverride(URI.create(endpoint)).forcePathStyle(true)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("emulator",
                            "emulator")))
                    .build()) {
                // One period until the next run starts, plus the run itself (which a loaded machine slows).
                String checksum = await("the scheduled run backs the document up").atMost(PERIOD.plusMinutes(2))
                        .pollInterval(Duration.ofMillis(250)).ignoreExceptionsMatching(e -> e instanceof software.amazon.awssdk.services.s3.model.S3Exception s3e
                                && s3e.statusCode() == 404)
                        .until(() -> s3.headObject(b -> b.bucket("strongroom-backup").key("documents/" + id)
                                .checksumMode(software.amazon.awssdk.services.s3.model.ChecksumMode.ENABLED))
                                .checksumSHA256(), java.util.Objects::nonNull);
                assertEquals(Sha256.base64OfHex(Samples.sha256(bytes)), checksum,
                        "the document reached the emulator through the schedule\n" + vault.logTail());
            }
            // The posture check first runs strongroom.startup.background-delay (10 s) after start.
            await("the posture check reports").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250))
                    .until(() -> vault.log().contains("Backup bucket strongroom-backup posture: compliant"));
            assertTrue(vault.log().contains("Backup bucket strongroom-backup posture: compliant"), vault::logTail);
        }
        assertFalse(ProcessHandle.of(motoPid).map(ProcessHandle::isAlive).orElse(false),
                "stopping the run script stopped its emulator");
    }

    @Test
    void withoutTheEmulatorTheVaultRunsAndSaysBackupsAreNotConfigured() {
        Path work = Path.of("target", "it-run-" + UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();
        Map<String, String> env = Map.of("STRONGROOM_EMULATOR", "off");
        try (VaultProcess vault = VaultProcess.start(work.resolve("data"), env, command(), "no-emulator")) {
            RestAssured.port = vault.port();
            assertTrue(vault.log().contains("BACKUPS NOT CONFIGURED"), vault::logTail);
            assertTrue(vault.log().contains("BACKUPS ARE NOT CONFIGURED"), vault::logTail);
            String ops = Vault.user("olga", "ops");
            Vault.as(ops).post("/api/backups/runs").then().statusCode(503).contentType("application/problem+json")
                    .body("type", equalTo("https://strongroom.dev/problems/backup-not-configured"));
            Vault.as(ops).get("/api/backups/status").then().statusCode(200).body("configured", equalTo(false));
            RestAssured.given().get("/q/health/well").then().statusCode(503)
                    .body("checks.find { it.name == 'backup' }.data.configured", equalTo(false));
            String alice = Vault.user("alice", "analyst");
            Vault.upload(alice, "still-works.txt", Samples.text(100)).then().statusCode(201);
        }
    }
}
