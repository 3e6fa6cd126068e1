package dev.strongroom.snapshots;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strongroom.backup.MotoEmulator;
import dev.strongroom.backup.VaultProcess;
import dev.strongroom.support.Samples;
import dev.strongroom.support.Vault;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The packaged vault against a real moto_server: a data directory copied at "snapshot time", then
 * N more uploads and a backup run on the original; a vault started on the copy (with the marker the
 * host's mount script leaves) replays the journal tail from S3, a dry-run reconcile changes
 * nothing, and the reconcile brings back all N documents byte for byte, with the audit chain
 * verifying and the report listing them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SnapshotReconcileIT {

    private static final int N = 6;

    private MotoEmulator moto;
    private Path work;

    @BeforeAll
    void startEmulator() throws IOException {
        moto = MotoEmulator.startProvisioned();
        work = Path.of("target", "it-snapshot-" + UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();
        Files.createDirectories(work);
    }

    @AfterAll
    void stopEmulator() {
        moto.close();
        RestAssured.reset();
    }

    private VaultProcess start(Path dataDir, String name) {
        Map<String, String> env = new HashMap<>(moto.environment());
        env.put("STRONGROOM_BACKUP_CRON", "off");
        env.put("STRONGROOM_SNAPSHOTS_IMDS_ENABLED", "false");
        // Extraction updates catalog rows on its own schedule; the dry-run check below must see
        // only what the reconcile itself would change.
        env.put("STRONGROOM_METADATA_ENABLED", "false");
        VaultProcess vault = VaultProcess.start(dataDir, env, null, name);
        RestAssured.port = vault.port();
        return vault;
    }

    @Test
    void reconcileBringsBackEveryDocumentWrittenAfterTheSnapshotAndTheChainContinues() throws Exception {
        Path live = work.resolve("live");
        Path snapshot = work.resolve("restored");
        Map<String, byte[]> before = new LinkedHashMap<>();
        Map<String, byte[]> after = new LinkedHashMap<>();
        String alice;
        String ops;
        String auditor;
        long snapshotHead;
        String late;

        try (VaultProcess vault = start(live, "before-snapshot")) {
            alice = Vault.user("alice", "analyst");
            ops = Vault.user("olga", "ops");
            auditor = Vault.user("audrey", "auditor");
            for (int i = 0; i < 3; i++) {
                byte[] bytes = Samples.text(700 + 31 * i);
                before.put(Vault.upload(alice, "before-" + i + ".txt", bytes).then().statusCode(201).extract()
                        .path("id"), bytes);
            }
            assertEquals("succeeded", runBackup(ops).getString("state"));
            snapshotHead = Vault.as(auditor).get("/api/audit/verify").then().statusCode(200).extract().jsonPath()
                    .getLong("head.seq");
        }
        // "Snapshot time": the volume as it is now. (The vault is stopped for the copy so that the
        // embedded catalog file is consistent; an EBS snapshot is crash-consistent, which H2 survives.)
        copy(live, snapshot);

        try (VaultProcess vault = start(live, "after-snapshot")) {
            for (int i = 0; i < N; i++) {
                byte[] bytes = Samples.text(900 + 53 * i);
                after.put(Vault.upload(alice, "after-" + i + ".txt", bytes).then().statusCode(201).extract()
                        .path("id"), bytes);
            }
            JsonPath run = runBackup(ops);
            assertEquals("succeeded", run.getString("state"), run::prettify);
            assertEquals(N, run.getInt("documents"));
            // Acknowledged after the last backup run: neither the snapshot nor S3 holds it, only CloudWatch.
            late = Vault.upload(alice, "after-last-backup.txt", Samples.text(1_111)).then().statusCode(201).extract()
                    .path("id");
        }

        // What deploy/mount-restored-volume.sh leaves on the restored volume.
        Files.createDirectories(snapshot.resolve("snapshot-restore"));
        Files.writeString(snapshot.resolve("snapshot-restore/pending.json"), "{\"snapshotId\":\"snap-0123456789abcdef0\","
                + "\"volumeId\":\"vol-0123456789abcdef0\",\"device\":\"/dev/sdg\",\"mountedAt\":\""
                + Instant.now() + "\"}\n", StandardCharsets.UTF_8);
        List<String> journalBefore = journalLines(snapshot);
        assertTrue(journalBefore.size() > snapshotHead, "the copy holds the chain up to the snapshot");

        try (VaultProcess vault = start(snapshot, "restored")) {
            assertTrue(vault.log().contains("Restored volume: replayed"), vault::logTail);
            // The events written after the last backup run exist only in CloudWatch: taken back at the start.
            assertTrue(vault.log().contains("taking the tail back from CloudWatch Logs"), vault::logTail);
            assertTrue(vault.log().contains("Restored volume: document " + late + " (after-last-backup.txt, owner "
                    + "alice"), vault::logTail);
            String listed = Vault.as(auditor).get("/api/audit?action=audit.recovery.uploads-after-backup").then()
                    .statusCode(200).body("items[0].detail.documents", equalTo("1")).extract()
                    .path("items[0].detail.uploads");
            assertTrue(listed.contains(late) && listed.contains("\"bytesOnVolume\":false"), listed);
            assertTrue(Files.exists(snapshot.resolve("snapshot-restore/restored.json")));
            assertTrue(journalLines(snapshot).subList(0, journalBefore.size()).equals(journalBefore),
                    "the replay only appends");

            // Dry run: reports the N documents it would fetch and changes nothing.
            Map<String, Long> blobsBefore = blobs(snapshot);
            String docsBefore = Vault.as(auditor).get("/api/documents?size=100").then().statusCode(200).extract()
                    .asString();
            List<String> linesBeforeDryRun = journalLines(snapshot);
            JsonPath dry = awaitReconcile(ops, Vault.as(ops).post("/api/snapshots/reconciles?dryRun=true").then()
                    .statusCode(202).extract().path("id"));
            System.out.println("DRY RUN REPORT " + dry.prettify());
            assertEquals("succeeded", dry.getString("state"), dry::prettify);
            assertEquals(true, dry.getBoolean("dryRun"));
            assertEquals(sortedIds(after), sorted(dry.getList("blobs.fetched.documentId")));
            assertEquals(blobsBefore, blobs(snapshot), "a dry run writes no blob");
            assertEquals(docsBefore, Vault.as(auditor).get("/api/documents?size=100").then().extract().asString(),
                    "a dry run changes no catalog row");
            List<String> linesAfterDryRun = journalLines(snapshot);
            assertEquals(linesBeforeDryRun, linesAfterDryRun.subList(0, linesBeforeDryRun.size()));
            List<String> added = linesAfterDryRun.subList(linesBeforeDryRun.size(), linesAfterDryRun.size());
            assertTrue(added.stream().anyMatch(l -> l.contains("\"action\":\"snapshot.reconcile\"")), "audited");
            assertTrue(added.stream().noneMatch(l -> l.contains("\"action\":\"document.repair\"")
                    || l.contains("\"action\":\"catalog.") || l.contains("\"action\":\"document.upload\"")),
                    "a dry run adds only audit events about itself and the reads around it: " + added);

            JsonPath report = awaitReconcile(ops, Vault.as(ops).post("/api/snapshots/reconciles").then()
                    .statusCode(202).extract().path("id"));
            System.out.println("RECONCILE REPORT " + report.prettify());
            assertEquals("succeeded", report.getString("state"), report::prettify);
            assertEquals(sortedIds(after), sorted(report.getList("blobs.fetched.documentId")));
            assertEquals(List.of(), report.getList("blobs.failed"));
            assertEquals(N + before.size(), report.getInt("blobs.documents"));
            assertEquals(before.size(), report.getInt("blobs.verified"));
            assertTrue(report.getBoolean("journal.chainVerified"));
            assertTrue(report.getLong("journal.replay.replayed") > 0);
            assertEquals(true, report.getBoolean("journal.replay.segmentsIdenticalToBackup"));
            assertTrue(Files.isRegularFile(snapshot.resolve("snapshot-restore/" + report.getString("id") + ".json")));
            // The verdict: nothing missing, and the one place nobody looked named with where to start.
            assertEquals("COMPLETE", report.getString("verdict.outcome"), report::prettify);
            assertEquals(List.of(), report.getList("verdict.missing"));
            assertEquals("CLOUDWATCH_LOGS", report.getString("verdict.unchecked[0].where"));
            assertTrue(report.getString("verdict.unchecked[0].how").contains("audit events after seq "
                    + report.getLong("source.journalHeadSeq") + " (written after backup run "
                    + report.getString("source.runId")), report::prettify);

            Map<String, byte[]> all = new LinkedHashMap<>(before);
            all.putAll(after);
            for (Map.Entry<String, byte[]> doc : all.entrySet()) {
                assertArrayEquals(doc.getValue(), Vault.as(alice).get("/api/documents/" + doc.getKey() + "/content")
                        .then().statusCode(200).extract().asByteArray(), doc.getKey());
            }
            Vault.as(auditor).get("/api/audit/verify").then().statusCode(200).body("ok", equalTo(true));
            for (String action : List.of("snapshot.restore.journal-replay", "snapshot.reconcile.catalog",
                    "snapshot.reconcile.blobs", "snapshot.reconcile.journal", "snapshot.reconcile")) {
                Vault.as(auditor).get("/api/audit?action=" + action).then().statusCode(200)
                        .body("items[0].outcome", equalTo("success"));
            }

            JsonPath again = awaitReconcile(ops, Vault.as(ops).post("/api/snapshots/reconciles").then()
                    .statusCode(202).extract().path("id"));
            assertEquals("succeeded", again.getString("state"));
            assertEquals(List.of(), again.getList("blobs.fetched"), "a second reconcile has nothing left to do");
        }
    }

    private static JsonPath runBackup(String ops) {
        String id = Vault.as(ops).post("/api/backups/runs").then().statusCode(202).extract().path("id");
        return poll(() -> Vault.as(ops).get("/api/backups/runs/" + id).then().statusCode(200).extract().jsonPath());
    }

    private static JsonPath awaitReconcile(String ops, String id) {
        return poll(() -> Vault.as(ops).get("/api/snapshots/reconciles/" + id).then().statusCode(200).extract()
                .jsonPath());
    }

    private static JsonPath poll(java.util.function.Supplier<JsonPath> view) {
        return await("the run ends").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200)).until(view::get,
                now -> !"running".equals(now.getString("state")));
    }

    private static List<String> sortedIds(Map<String, byte[]> docs) {
        return docs.keySet().stream().sorted().toList();
    }

    private static List<String> sorted(List<String> ids) {
        return ids.stream().sorted().toList();
    }

    private static List<String> journalLines(Path dataDir) throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(dataDir.resolve("audit/journal"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
                lines.addAll(Files.readAllLines(f, StandardCharsets.UTF_8));
            }
        }
        return lines;
    }

    private static Map<String, Long> blobs(Path dataDir) throws IOException {
        Map<String, Long> sizes = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dataDir.resolve("blobs"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                sizes.put(f.getFileName().toString(), Files.size(f));
            }
        }
        return sizes;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
