package dev.strongroom.backup;

import dev.strongroom.storage.Sha256;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strongroom.support.RestoredReceipts;
import dev.strongroom.support.Samples;
import dev.strongroom.support.Vault;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectLockRetentionMode;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The packaged vault against a real moto_server: back up (including a 300 MB multipart document),
 * wipe the data directory, restore from the primary and then from the replica bucket, restore with
 * the documented AWS CLI commands, and check the bucket posture of an unversioned bucket. The steps
 * build on each other, hence the order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BackupAndRestoreIT {

    private static final long BIG = 300L * 1000 * 1000;

    private MotoEmulator moto;
    private Path work;
    private Path dataDir;
    private final Map<String, String> sha256ById = new LinkedHashMap<>();
    private final Map<String, byte[]> smallById = new HashMap<>();
    private final Map<String, String> idByName = new HashMap<>();
    private String bigId;
    private String firstRunId;
    private String alice;
    private String ops;
    private String auditor;
    private long headSeqAtBackup;
    private List<Object> correctedFields;


    @BeforeAll
    void startEmulator() throws IOException {
        moto = MotoEmulator.startProvisioned();
        work = Path.of("target", "it-backup-" + UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();
        dataDir = work.resolve("data");
        Files.createDirectories(work);
    }

    @AfterAll
    void stopEmulator() {
        moto.close();
        RestAssured.reset();
    }

    private Map<String, String> vaultEnv() {
        Map<String, String> env = new HashMap<>(moto.environment());
        env.put("STRONGROOM_BACKUP_CRON", "off");
        env.put("STRONGROOM_UPLOAD_MAX_FILE_BYTES", Long.toString(400L * 1000 * 1000));
        return env;
    }

    private VaultProcess startVault(String name) {
        VaultProcess vault = VaultProcess.start(dataDir, vaultEnv(), null, name);
        RestAssured.port = vault.port();
        return vault;
    }

    @Test
    @Order(1)
    void backsUpDocumentsAndA300MbDocumentAsMultipart() throws IOException {
        Path big = work.resolve("big-report.txt");
        String bigSha = writeBigText(big, BIG);
        try (VaultProcess vault = startVault("backup")) {
            alice = Vault.user("alice", "analyst");
            ops = Vault.user("olga", "ops");
            auditor = Vault.user("audrey", "auditor");
            byte[] shared = Samples.text(2_000);
            for (int i = 0; i < 12; i++) {
                byte[] bytes = i < 2 ? shared : Samples.text(500 + 97 * i);
                String id = Vault.upload(alice, "ledger-" + i + ".txt", bytes).then().statusCode(201).extract()
                        .path("id");
                sha256ById.put(id, Samples.sha256(bytes));
                smallById.put(id, bytes);
                idByName.put("ledger-" + i + ".txt", id);
            }
            uploadReceipts();
            bigId = Vault.as(alice).multiPart("file", big.toFile(), "text/plain").post("/api/documents").then()
                    .statusCode(201).body("sha256", equalTo(bigSha)).extract().path("id");
            sha256ById.put(bigId, bigSha);

            JsonPath run = Backups.runToEnd(ops);
            assertEquals("succeeded", run.getString("state"), run::prettify);
            assertEquals(15, run.getInt("documents"));
            firstRunId = run.getString("id");
            double seconds = run.getLong("durationMs") / 1000.0;
            System.out.printf("MEASURED backup run: %d documents, %.1f MB in %.1f s = %.1f MB/s%n",
                    run.getInt("documents"), run.getLong("bytes") / 1e6, seconds, run.getLong("bytes") / 1e6 / seconds);
            assertTrue(vault.log().contains("Document " + bigId + " (" + BIG + " bytes) uploaded in 18 parts"),
                    vault::logTail);

            try (S3Client s3 = moto.client(MotoEmulator.REGION)) {
                HeadObjectResponse head = s3.headObject(b -> b.bucket(MotoEmulator.BUCKET).key("documents/" + bigId)
                        .checksumMode(ChecksumMode.ENABLED));
                assertTrue(head.eTag().endsWith("-18\""), "a multipart object of 18 parts: " + head.eTag());
                assertEquals(bigSha, head.metadata().get("sha256"));
                assertEquals(BIG, head.contentLength());
            }
            JsonPath verified = Vault.as(auditor).get("/api/audit/verify").then().statusCode(200)
                    .body("ok", equalTo(true)).extract().jsonPath();
            headSeqAtBackup = verified.getLong("head.seq");

            // The compliance report reads every confirmed version back from S3, the 300 MB multipart one
            // included, by the checksum type S3 reports (a composite here), and finds all of them.
            JsonPath coverage = coverageReport();
            assertEquals("PASS", coverage.getString("checks.find { it.name == 'backup-coverage' }.status"),
                    coverage.prettify());
            assertEquals(List.of(), coverage.getList("coverage.exceptions"), coverage.prettify());
        }
    }

    /**
     * Two receipts, extracted by the vault: one with an unsure date left for review, one whose date a person
     * confirmed and whose total they corrected.
     */
    private void uploadReceipts() {
        Map<String, String> receipts = Map.of("northwind.txt", RestoredReceipts.CORRECTED, "fabrikam.txt",
                RestoredReceipts.UNSURE);
        for (Map.Entry<String, String> receipt : receipts.entrySet()) {
            byte[] bytes = receipt.getValue().getBytes(StandardCharsets.UTF_8);
            String id = Vault.as(alice).multiPart("file", receipt.getKey(), bytes)
                    .multiPart("retentionClass", "receipt").post("/api/documents").then().statusCode(201).extract().path("id");
            sha256ById.put(id, Samples.sha256(bytes));
            smallById.put(id, bytes);
            idByName.put(receipt.getKey(), id);
        }
        for (String id : List.of(idByName.get("northwind.txt"), idByName.get("fabrikam.txt"))) {
            Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                    .until(() -> "EXTRACTED".equals(Vault.as(alice).get("/api/documents/" + id).then().extract()
                            .path("metadataState")));
        }
        correctedFields = RestoredReceipts.correct(alice, idByName.get("northwind.txt"));
    }

    /**
     * The backup ends before the last events, which CloudWatch and the newest digest hold: the restored
     * vault took them back from the stream at its start, before serving anyone, so uploads go on and
     * the trail says where those events came from.
     */
    private void theVaultTookBackTheTailShippedAfterTheBackup(VaultProcess vault) {
        assertTrue(vault.log().contains("taking the tail back from CloudWatch Logs"), vault::logTail);
        Vault.as(auditor).get("/api/audit?action=audit.recovery.restore-tail").then().statusCode(200)
                .body("items[0].detail.by", equalTo("strongroom (restored volume)"))
                .body("items[0].detail.source", equalTo("cloudwatch"))
                .body("items[0].detail.state", equalTo("writable"));
    }

    /** A compliance report of the last day, made through the API, as its report.json. */
    private JsonPath coverageReport() {
        String id = Vault.as(ops).contentType("application/json")
                .body(Map.of("from", java.time.Instant.now().minusSeconds(86_400).toString()))
                .post("/api/compliance/reports").then().statusCode(202).extract().path("id");
        Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250)).until(() -> !"running"
                .equals(Vault.as(ops).get("/api/compliance/reports/" + id).then().statusCode(200).extract()
                        .path("state")));
        return new JsonPath(Vault.as(ops).get("/api/compliance/reports/" + id + "/report.json").then().statusCode(200)
                .extract().asString());
    }

    @Test
    @Order(2)
    void restoresFromThePrimaryBucketByteIdenticalWithTheAuditChainVerifyingAndContinuing() throws Exception {
        wipe(dataDir);
        Process restore = restore(List.of("--data-dir", dataDir.toString()), "primary");
        String out = new String(restore.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(restore.waitFor(10, TimeUnit.MINUTES));
        System.out.println(out);
        assertEquals(0, restore.exitValue(), out);
        assertTrue(out.contains("14 restored, 1 skipped (same bytes as another document), 0 failed"), out);
        assertTrue(out.contains("chain verified"), out);

        try (VaultProcess vault = startVault("restored-primary")) {
            assertAllDocumentsByteIdentical(vault);
            // The export carries sidecars, not the columns filled from them, and no correction rows: the restored
            // vault fills the first from the sidecars and takes the corrections back from the journal.
            RestoredReceipts.foundFilteredAndReviewedAsBefore(alice, idByName.get("northwind.txt"),
                    idByName.get("fabrikam.txt"), correctedFields);
            // The restored vault's own compliance report finds every confirmed version as the catalog has it.
            JsonPath coverage = coverageReport();
            assertEquals("PASS", coverage.getString("checks.find { it.name == 'backup-coverage' }.status"),
                    coverage.prettify());
            assertEquals(List.of(), coverage.getList("coverage.exceptions"), coverage.prettify());
            theVaultTookBackTheTailShippedAfterTheBackup(vault);
            JsonPath verified = Vault.as(auditor).get("/api/audit/verify").then().statusCode(200)
                    .body("ok", equalTo(true)).extract().jsonPath();
            assertTrue(verified.getLong("head.seq") > headSeqAtBackup, "the restored chain goes on past the backup");
            Vault.as(auditor).get("/api/audit?action=restore.complete").then().statusCode(200)
                    .body("items[0].outcome", equalTo("success"))
                    .body("items[0].detail.bucket", equalTo(MotoEmulator.BUCKET));

            byte[] after = Samples.text(777);
            String newId = Vault.upload(alice, "after-restore.txt", after).then().statusCode(201).extract().path("id");
            JsonPath again = Vault.as(auditor).get("/api/audit/verify").then().statusCode(200)
                    .body("ok", equalTo(true)).extract().jsonPath();
            assertTrue(again.getLong("head.seq") > verified.getLong("head.seq"), "new uploads continue the chain");
            assertArrayEquals(after, Vault.as(alice).get("/api/documents/" + newId + "/content").asByteArray());

            JsonPath run = Backups.runToEnd(ops);
            assertEquals("succeeded", run.getString("state"), run::prettify);
            assertEquals(1, run.getInt("documents"), "only the new document; the restored ones are already backed up");
            sha256ById.put(newId, Samples.sha256(after));
            smallById.put(newId, after);

            // Nothing changes from here on: a run soon refers to the export before it and lists only what it added,
            // so the AWS CLI restores below (order 5 on) put the whole backup together from a chain of lists.
            Awaitility.await("a run whose list names the list before it").atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ZERO).until(() -> {
                        assertEquals("succeeded", Backups.runToEndOnceFree(ops).getString("state"));
                        return newestListsFirstLine().startsWith(ListFiles.DELTA_OF);
                    });
        }
    }

    @Test
    @Order(3)
    void restoresAsOfAChosenRun() throws Exception {
        Path asOfFirst = work.resolve("as-of-first-run");
        Process restore = restore(List.of("--data-dir", asOfFirst.toString(), "--run", firstRunId), "first-run");
        String out = new String(restore.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(restore.waitFor(10, TimeUnit.MINUTES));
        assertEquals(0, restore.exitValue(), out);
        assertTrue(out.matches("(?s).*restore: host [^,]+, run " + firstRunId + " from s3://" + MotoEmulator.BUCKET + ".*"),
                "the bucket's only host, restored as of the chosen run: " + out);
        assertTrue(out.contains("1 manifest(s) in the chain"), out);
        assertTrue(out.contains("14 restored, 1 skipped"), "the document uploaded after that run is not in it: " + out);
    }

    @Test
    @Order(4)
    void restoresFromTheReplicaBucketTheSameWay() throws Exception {
        try (S3Client primary = moto.client(MotoEmulator.REGION);
                S3Client replica = moto.client(MotoEmulator.REPLICA_REGION)) {
            // The emulator does not replicate; copy what S3 replication would have (new version ids).
            List<S3Object> objects = primary.listObjectsV2Paginator(b -> b.bucket(MotoEmulator.BUCKET)).contents()
                    .stream().toList();
            for (S3Object object : objects) {
                replica.copyObject(b -> b.sourceBucket(MotoEmulator.BUCKET).sourceKey(object.key())
                        .destinationBucket(MotoEmulator.REPLICA_BUCKET).destinationKey(object.key()));
            }
        }
        wipe(dataDir);
        Process restore = restore(List.of("--data-dir", dataDir.toString(), "--from", "replica"), "replica");
        String out = new String(restore.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(restore.waitFor(10, TimeUnit.MINUTES));
        System.out.println(out);
        assertEquals(0, restore.exitValue(), out);
        assertTrue(out.contains("from s3://" + MotoEmulator.REPLICA_BUCKET + " (" + MotoEmulator.REPLICA_REGION + ")"),
                out);
        assertTrue(out.contains("15 restored, 1 skipped"), out);

        try (VaultProcess vault = startVault("restored-replica")) {
            assertAllDocumentsByteIdentical(vault);
            theVaultTookBackTheTailShippedAfterTheBackup(vault);
            Vault.as(auditor).get("/api/audit/verify").then().statusCode(200).body("ok", equalTo(true));
            String id = Vault.upload(alice, "after-replica.txt", Samples.text(900)).then().statusCode(201).extract()
                    .path("id");
            Vault.as(auditor).get("/api/audit/verify").then().statusCode(200).body("ok", equalTo(true));
            Vault.as(alice).get("/api/documents/" + id + "/content").then().statusCode(200);
        }
    }

    @Test
    @Order(5)
    void theDocumentedAwsCliRestoreTakesTheConfirmedVersionsAsWrittenEvenUnderANewerVersion() throws Exception {
        // Anyone with s3:PutObject, the vault's own role included, can put a version on top of a document.
        String overwritten = idByName.get("ledger-3.txt");
        try (S3Client s3 = moto.client(MotoEmulator.REGION)) {
            s3.putObject(b -> b.bucket(MotoEmulator.BUCKET).key("documents/" + overwritten),
                    RequestBody.fromString("not the document that was backed up"));
        }
        Path dest = work.resolve("cli-restore");
        Cli cli = runRestoreDocument(moto.endpoint(), dest);
        assertEquals(0, cli.exit(), cli.out());
        assertTrue(cli.out().contains("files restored and verified"), cli.out());
        for (Map.Entry<String, byte[]> doc : smallById.entrySet()) {
            assertArrayEquals(doc.getValue(), Files.readAllBytes(dest.resolve("documents").resolve(doc.getKey())),
                    "document " + doc.getKey());
        }
        assertEquals(sha256ById.get(bigId), Sha256.hexOf(dest.resolve("documents").resolve(bigId)));
    }

    @Test
    @Order(8)
    void theDocumentedAwsCliRestoreNamesAnObjectWhoseBytesComeBackWrongAndExitsNonZero() throws Exception {
        String damaged = idByName.get("ledger-4.txt");
        Path dest = work.resolve("cli-restore-tampered");
        Cli cli;
        try (TamperingProxy proxy = new TamperingProxy(moto.endpoint(), "/" + MotoEmulator.BUCKET + "/documents/"
                + damaged)) {
            cli = runRestoreDocument(proxy.endpoint(), dest);
        }
        assertEquals(1, cli.exit(), cli.out());
        assertTrue(cli.out().contains("NOT RESTORED: 1 of "), cli.out());
        assertTrue(cli.out().contains("documents/" + damaged + " version "), cli.out());
        assertTrue(cli.out().contains("\"fileName\":\"ledger-4.txt\""), "the catalog line names it: " + cli.out());
        assertFalse(Files.exists(dest.resolve("documents").resolve(damaged)), "no damaged file is left behind");
    }

    @Test
    @Order(9)
    void aDocumentWhoseConfirmedVersionIsGoneFromThePrimaryIsTakenFromTheReplica() throws Exception {
        String lost = idByName.get("ledger-5.txt");
        deleteEveryVersion(MotoEmulator.REGION, MotoEmulator.BUCKET, "documents/" + lost);

        // The AWS CLI document asks the replica by version id; a hand-made copy there has other ids.
        Cli cli = runRestoreDocument(moto.endpoint(), work.resolve("cli-restore-lost"));
        assertEquals(1, cli.exit(), cli.out());
        assertTrue(cli.out().contains("documents/" + lost + " version "), cli.out());
        assertTrue(cli.out().contains("not in s3://" + MotoEmulator.REPLICA_BUCKET + " either"), cli.out());

        // The restore command finds the bytes among the replica's versions by their SHA-256.
        Cli restored = restoreCommand(work.resolve("lost-from-primary"));
        String out = restored.out();
        assertEquals(0, restored.exit(), out);
        assertTrue(out.contains("restore: verdict: COMPLETE"), out);
        assertTrue(out.contains("recovered document " + lost + " from the replica bucket"), out);
    }

    @Test
    @Order(10)
    void aDocumentNeitherBucketHoldsIsNamedWithWhereItMayStillBeAndTheRestoreExitsTwo() throws Exception {
        String lost = idByName.get("ledger-5.txt");
        deleteEveryVersion(MotoEmulator.REPLICA_REGION, MotoEmulator.REPLICA_BUCKET, "documents/" + lost);
        Path dir = work.resolve("lost-everywhere");
        Cli restored = restoreCommand(dir);
        String out = restored.out();
        assertEquals(2, restored.exit(), out);
        assertTrue(out.contains("restore: verdict: INCOMPLETE, 1 item(s) NOT brought back"), out);
        assertTrue(out.contains("NOT RESTORED document " + lost + " (ledger-5.txt, uploaded by " + alice
                + ", SHA-256 " + sha256ById.get(lost) + ")"), out);
        assertTrue(out.contains("may still be in the data volume it was written on"), out);
        assertTrue(out.contains("not checked: the audit stream in CloudWatch Logs: audit events after seq"), out);
        JsonPath report = new JsonPath(Files.readString(dir.resolve("restore").resolve("report.json")));
        assertEquals("INCOMPLETE", report.getString("verdict.outcome"));
        assertEquals(lost, report.getString("verdict.missing[0].id"));
    }

    /** The emulator lets a test shorten a COMPLIANCE retention and delete the version; AWS would not. */
    private void deleteEveryVersion(String region, String bucket, String key) {
        try (S3Client s3 = moto.client(region)) {
            for (String version : MotoEmulator.versionsOf(s3, bucket, key)) {
                s3.putObjectRetention(b -> b.bucket(bucket).key(key).versionId(version).retention(r -> r
                        .mode(ObjectLockRetentionMode.GOVERNANCE).retainUntilDate(java.time.Instant.parse(
                                "2020-01-01T00:00:00Z"))));
                s3.deleteObject(b -> b.bucket(bucket).key(key).versionId(version).bypassGovernanceRetention(true));
            }
        }
    }

    private record Cli(int exit, String out) {
    }

    /** deploy/restore-from-s3.sh from the primary bucket into {@code dir}. */
    private Cli restoreCommand(Path dir) throws Exception {
        Process restore = restore(List.of("--data-dir", dir.toString()), dir.getFileName().toString());
        String out = new String(restore.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(restore.waitFor(10, TimeUnit.MINUTES));
        System.out.println(out);
        return new Cli(restore.exitValue(), out);
    }

    /** docs/restore-with-aws-cli.md's commands, exactly as written, by bash, against {@code endpoint}. */
    private Cli runRestoreDocument(String endpoint, Path dest) throws Exception {
        Path script = work.resolve("restore-with-aws-cli-" + UUID.randomUUID().toString().substring(0, 8) + ".sh");
        Files.writeString(script, restoreTestBlock(Path.of("docs", "restore-with-aws-cli.md")));
        ProcessBuilder builder = new ProcessBuilder("bash", script.toString()).directory(work.toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(moto.environment());
        builder.environment().put("AWS_ENDPOINT_URL", endpoint);
        builder.environment().put("DEST", dest.toString());
        Process cli = builder.start();
        String out = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(cli.waitFor(10, TimeUnit.MINUTES));
        System.out.println(out);
        return new Cli(cli.exitValue(), out);
    }

    @Test
    @Order(7)
    void anUnversionedBucketIsReportedNonCompliantAndNothingIsMarkedBackedUp() throws IOException {
        try (S3Client s3 = moto.client(MotoEmulator.REGION)) {
            s3.createBucket(b -> b.bucket("plain-unversioned").createBucketConfiguration(
                    c -> c.locationConstraint(MotoEmulator.REGION)));
        }
        Map<String, String> env = vaultEnv();
        env.put("STRONGROOM_BACKUP_BUCKET", "plain-unversioned");
        // Another vault: its own audit stream, not the one the vaults above wrote (a vault finding its
        // stream ahead of its journal is read-only, rightly).
        env.put("STRONGROOM_AUDIT_CLOUDWATCH_STREAM", "posture-vault");
        Path plainData = work.resolve("plain-data");
        try (VaultProcess vault = VaultProcess.start(plainData, env, null, "posture")) {
            RestAssured.port = vault.port();
            String olga = Vault.user("olga", "ops");
            String ana = Vault.user("ana", "analyst");
            JsonPath posture = Vault.as(olga).post("/api/backups/posture").then().statusCode(200)
                    .body("compliant", equalTo(false)).body("checks.versioning", equalTo(false))
                    .body("checks.objectLock", equalTo(false)).extract().jsonPath();
            assertTrue(posture.getList("findings").toString().contains("versioning is off"), posture::prettify);
            Vault.as(olga).get("/api/backups/status").then().statusCode(200)
                    .body("posture.compliant", equalTo(false));
            RestAssured.given().get("/q/health/well").then().statusCode(503)
                    .body("checks.find { it.name == 'backup' }.status", equalTo("DOWN"));
            assertTrue(vault.log().contains("BACKUP BUCKET plain-unversioned IS NOT COMPLIANT"), vault::logTail);

            String id = Vault.upload(ana, "x.txt", Samples.text(300)).then().statusCode(201).extract().path("id");
            JsonPath run = Backups.runToEnd(olga);
            assertEquals("failed", run.getString("state"));
            assertTrue(run.getList("errors").toString().contains("versioning is off"), run::prettify);
            Vault.as(olga).get("/api/documents/" + id).then().body("backupState", equalTo("PENDING"));
            Vault.as(Vault.user("audrey", "auditor")).get("/api/audit?action=backup.posture").then().statusCode(200)
                    .body("items[0].outcome", equalTo("failure"));
        }
    }

    @Test
    @Order(6)
    void provisioningNotifiesTheDocumentsQueueAndCreatedTheAuditLogGroup() throws Exception {
        String queue = moto.endpoint() + "/123456789012/strongroom-documents";
        StringBuilder messages = new StringBuilder();
        // S3 event notifications carry URL-encoded keys.
        String bigKey = "documents%2F" + bigId;
        for (int i = 0; i < 10 && !messages.toString().contains(bigKey); i++) {
            messages.append(awsCli("sqs", "receive-message", "--queue-url", queue, "--max-number-of-messages", "10",
                    "--query", "Messages[].Body", "--output", "text"));
        }
        assertTrue(messages.toString().contains("ObjectCreated"), messages::toString);
        assertTrue(messages.toString().contains(bigKey), messages::toString);
        assertFalse(messages.toString().contains("\"key\": \"manifests"), "only documents/ is notified");
        assertFalse(messages.toString().contains("\"key\": \"catalog"), "only documents/ is notified");
        assertTrue(awsCli("logs", "describe-log-groups", "--query", "logGroups[].logGroupName", "--output", "text")
                .contains("/strongroom/audit"));
    }

    private String awsCli(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("aws", "--endpoint-url", moto.endpoint()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(moto.environment());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, TimeUnit.MINUTES));
        assertEquals(0, process.exitValue(), out);
        return out;
    }

    /** The first line of the newest list in the bucket, the one the AWS CLI restore starts from. */
    private String newestListsFirstLine() {
        try (S3Client s3 = moto.client(MotoEmulator.REGION)) {
            String key = s3.listObjectsV2Paginator(b -> b.bucket(MotoEmulator.BUCKET).prefix("hosts/")).contents()
                    .stream().map(o -> o.key()).filter(k -> k.endsWith(".versions")).max(String::compareTo)
                    .orElseThrow();
            return s3.getObjectAsBytes(b -> b.bucket(MotoEmulator.BUCKET).key(key)).asUtf8String().lines()
                    .findFirst().orElse("");
        }
    }

        private void assertAllDocumentsByteIdentical(VaultProcess vault) throws Exception {
        for (Map.Entry<String, byte[]> doc : smallById.entrySet()) {
            assertArrayEquals(doc.getValue(), Vault.as(alice).get("/api/documents/" + doc.getKey() + "/content").then()
                    .statusCode(200).extract().asByteArray(), "document " + doc.getKey());
        }
        // The 300 MB one is hashed as it streams, never held in memory.
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(vault.baseUri()
                + "/api/documents/" + bigId + "/content")).header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((alice + ":" + Vault.PASSWORD).getBytes(StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        MessageDigest digest = Sha256.digest();
        byte[] buffer = new byte[1 << 20];
        try (InputStream in = response.body()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
        }
        assertEquals(sha256ById.get(bigId), Sha256.hex(digest.digest()));
    }

    private Process restore(List<String> args, String name) throws IOException {
        List<String> command = new ArrayList<>(List.of("deploy/restore-from-s3.sh"));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(moto.environment());
        builder.environment().put("STRONGROOM_APP_DIR", VaultProcess.appJar().getParent().toString());
        return builder.start();
    }

    /** Every fenced block marked {@code bash restore-test}, in order: the test runs what the page shows. */
    static String restoreTestBlock(Path markdown) throws IOException {
        Matcher m = Pattern.compile("```bash restore-test\\n(.*?)```", Pattern.DOTALL)
                .matcher(Files.readString(markdown, StandardCharsets.UTF_8));
        StringBuilder script = new StringBuilder();
        while (m.find()) {
            script.append(m.group(1));
        }
        if (script.isEmpty()) {
            throw new AssertionError(markdown + " has no ```bash restore-test block");
        }
        return script.toString();
    }

    /** Writes {@code size} bytes of receipt-like text without holding more than a line in memory. */
    private static String writeBigText(Path file, long size) throws IOException {
        MessageDigest digest = Sha256.digest();
        long written = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            long line = 0;
            while (written < size) {
                String text = "line " + (line++) + " amount " + (line * 7 % 10_000) + ".00 EUR ref "
                        + Long.toHexString(line * 2654435761L) + "\n";
                if (written + text.length() > size) {
                    text = text.substring(0, (int) (size - written));
                }
                out.write(text);
                digest.update(text.getBytes(StandardCharsets.US_ASCII));
                written += text.length();
            }
        }
        return Sha256.hex(digest.digest());
    }

    private static void wipe(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        assertFalse(Files.exists(dir), "the data directory is gone");
    }
}
