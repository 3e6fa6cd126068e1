package dev.strongroom.process;

import static dev.strongroom.process.DurableWrite.answered;
import static dev.strongroom.process.DurableWrite.renamedFrom;
import static dev.strongroom.process.DurableWrite.step;
import static dev.strongroom.process.DurableWrite.synced;
import static dev.strongroom.process.DurableWrite.syncedDirectoryOf;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strongroom.backup.MotoEmulator;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A page-cache-surviving kill -9 cannot show a missing fsync, so this test watches the system calls
 * instead: the packaged vault runs under Debian's strace, does each of its durable writes once, and
 * the trace must hold, for each, the fsyncs and renames in the order that makes it survive a power
 * cut, before the write is acknowledged. Each durable write is one {@link DurableWrite} in
 * {@link #durableWrites}; a new one (a write-ahead state change, a new checkpoint) is one more entry
 * there, with the request that triggers it in the test.
 */
@ExtendWith(VaultProcess.LogTailOnFailure.class)
class FsyncOrderIT {

    static final Path STRACE = Path.of("/usr/bin/strace");
    private static final Duration WAIT = Duration.ofMinutes(3);

    @Test
    void everyDurableWriteIsSyncedInOrderBeforeItIsAcknowledged() throws Exception {
        requireStrace();
        Path work = Path.of("target", "it-fsync-" + UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();
        Path data = work.resolve("data");
        Path trace = work.resolve("strace.txt");
        Files.createDirectories(data);
        byte[] document = ("fsync order, " + UUID.randomUUID() + "\n").getBytes(StandardCharsets.UTF_8);
        String sha256 = Sha256.of(document);

        try (MotoEmulator moto = MotoEmulator.startProvisioned()) {
            Map<String, String> env = new HashMap<>(moto.environment());
            env.put("STRONGROOM_BACKUP_CRON", "off");
            env.put("STRONGROOM_RETENTION_POLICY_FILE", Path.of("src/test/resources/retention-test.yaml")
                    .toAbsolutePath().toString());
            env.put("STRONGROOM_AUDIT_CLOUDWATCH_STREAM", "fsync-" + UUID.randomUUID().toString().substring(0, 8));
            VaultProcess vault = VaultProcess.start(List.of(STRACE.toString(), "-f", "-y", "-qq", "--seccomp-bpf",
                    "-s", "48", "-e", "trace=fsync,fdatasync,rename,renameat,renameat2,openat,unlink,unlinkat,write,"
                            + "writev", "-o", trace.toString()), data, work.resolve("vault.log"), List.of("-Xmx256m"), env);
            try {
                VaultClient client = new VaultClient(vault, WAIT);
                VaultClient.User analyst = new VaultClient.User("alice", "alice-password-1");
                VaultClient.User auditor = new VaultClient.User("audrey", "audrey-password-1");
                VaultClient.User secondAdmin = new VaultClient.User("ada", "ada-password-1");
                client.createUser(analyst, "analyst");
                client.createUser(auditor, "auditor");
                client.createUser(secondAdmin, "admin");

                VaultClient.expect(201, client.upload(analyst, "fsync.txt", document.length,
                        () -> new ByteArrayInputStream(document)));
                VaultClient.expect(201, client.call(auditor, "POST", "/api/audit/digests"));
                Path checkpoint = data.resolve("audit/cloudwatch/checkpoint.json");
                await().atMost(WAIT).until(() -> Files.isRegularFile(checkpoint));

                byte[] disposable = ("disposed, " + UUID.randomUUID() + "\n").getBytes(StandardCharsets.UTF_8);
                var stored = client.upload(analyst, "disposable.txt", disposable.length,
                        () -> new ByteArrayInputStream(disposable), Map.of("retentionClass", "expired"));
                VaultClient.expect(201, stored);
                String disposableId = VaultClient.json(stored).get("id").asText();
                var requested = client.call(VaultClient.ADMIN, "DELETE", "/api/documents/" + disposableId
                        + "?reason=fsync-test");
                VaultClient.expect(202, requested);
                JsonNode request = VaultClient.json(requested);
                VaultClient.expect(200, client.call(secondAdmin, "POST",
                        "/api/disposals/" + request.get("id").asText() + "/approve"));
            } finally {
                vault.stop();
            }
        }

        SyscallTrace calls = SyscallTrace.read(trace);
        List<String> findings = durableWrites(data.toRealPath().toString(), sha256).stream().map(w -> w.findIn(calls))
                .flatMap(Optional::stream).toList();
        assertEquals(List.of(), findings, "durable writes out of order or unsynced; trace in " + trace);
        assertTrue(calls.responses(201).size() >= 5, "the trace saw the vault's answers");
    }

    /** Today's durable writes of the vault, each with the order of calls that makes it durable. */
    static List<DurableWrite> durableWrites(String data, String sha256) {
        String blobs = Pattern.quote(data + "/blobs");
        String journal = Pattern.quote(data + "/audit/journal") + "/[^/]+\\.jsonl";
        return List.of(
                DurableWrite.of("an upload",
                        synced("fsync of the upload's temp file", Pattern.compile(Pattern.quote(data + "/tmp/upload-")
                                + "[^/]+\\.part")),
                        synced("fsync of the new blobs/" + sha256.substring(0, 2) + " directory",
                                Pattern.compile(blobs + "/" + sha256.substring(0, 2))),
                        synced("fsync of blobs/", Pattern.compile(blobs)),
                        renamedFrom("rename of the temp file into place", 0, Pattern.compile(blobs + "/"
                                + sha256.substring(0, 2) + "/" + sha256.substring(2, 4) + "/" + sha256)),
                        syncedDirectoryOf("fsync of the blob's directory", 3),
                        synced("fsync of the audit journal", Pattern.compile(journal)),
                        answered(201)),
                DurableWrite.of("the first journal segment",
                        step("creation of a journal segment", c -> c.name().equals("openat")
                                && c.text().equals("O_CREAT") && c.path().matches(journal)),
                        syncedDirectoryOf("fsync of the journal directory", 0),
                        synced("fsync of the segment", Pattern.compile(journal))),
                durableFile("the CloudWatch shipping checkpoint", data + "/audit/cloudwatch/checkpoint.json", null),
                durableFile("the audit digest state", data + "/audit/digests/last.json", 201),
                DurableWrite.of("a disposed blob's removal",
                        step("removal of a blob", c -> c.name().startsWith("unlink")
                                && c.path().matches(blobs + "/../../[0-9a-f]{64}")),
                        syncedDirectoryOf("fsync of the blob's directory", 0),
                        answered(200)));
    }

    /** {@code DurableFile.replace}: the temp file synced, renamed over the target, the directory synced. */
    static DurableWrite durableFile(String name, String target, Integer answer) {
        List<DurableWrite.Step> steps = new java.util.ArrayList<>(List.of(
                synced("fsync of " + target + ".tmp", Pattern.compile(Pattern.quote(target + ".tmp"))),
                renamedFrom("rename over " + target, 0, Pattern.compile(Pattern.quote(target))),
                syncedDirectoryOf("fsync of its directory", 1)));
        if (answer != null) {
            steps.add(answered(answer));
        }
        return new DurableWrite(name, List.copyOf(steps));
    }

    static void requireStrace() {
        if (Files.isExecutable(STRACE)) {
            return;
        }
        String reason = "the fsync order test needs Debian's strace at " + STRACE + " (apt-get install -y strace)";
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError("CI=true and " + reason);
        }
        Assumptions.abort(reason);
    }
}
