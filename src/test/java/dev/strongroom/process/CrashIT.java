package dev.strongroom.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strongroom.process.VaultClient.Download;
import dev.strongroom.process.VaultClient.User;
import dev.strongroom.support.Pacing;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Kills the vault with SIGKILL while eight clients upload, several times over one data directory,
 * and checks after every restart what a 201 promises: the bytes are there, exactly, and nothing an
 * interrupted upload left behind has become a document, a stray temp file or a broken audit chain.
 */
@ExtendWith(VaultProcess.LogTailOnFailure.class)
class CrashIT {

    private static final int ROUNDS = 5;
    private static final int UPLOADERS = 8;
    private static final int MIN_FILE_BYTES = 1024;
    private static final int MAX_FILE_BYTES = 3 * 1024 * 1024;
    private static final int MIN_KILL_DELAY_MS = 300;
    private static final int MAX_KILL_DELAY_MS = 1500;
    /** 26 letters, five spaces and a newline: 32 symbols, so five random bits pick one. */
    private static final byte[] TEXT = "abcdefghijklmnopqrstuvwxyz     \n".getBytes(StandardCharsets.US_ASCII);

    private static final User ANALYST = new User("crash-analyst", "analyst-password-for-crash");
    private static final User AUDITOR = new User("crash-auditor", "auditor-password-for-crash");

    private Path work;
    private Path data;
    /** Every file any client tried to upload, by SHA-256. */
    private final Map<String, Sent> attempted = new ConcurrentHashMap<>();
    /** Every document the vault answered 201 for, by id. */
    private final Map<String, Acknowledged> acknowledged = new ConcurrentHashMap<>();
    /** Answers other than 201 and client-side surprises; every upload here is valid, so none is expected. */
    private final List<String> unexpected = new CopyOnWriteArrayList<>();

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void acknowledgedUploadsSurviveRepeatedKillsAndInterruptedOnesLeaveNoTrace() throws Exception {
        work = ScratchDirectory.fresh("crash");
        data = work.resolve("data");
        long seed = Long.getLong("strongroom.crash.seed", System.nanoTime());
        System.out.println("CrashIT seed " + seed + " (replay the file contents and kill delays with -Dstrongroom.crash.seed="
                + seed + ")");
        SplittableRandom random = new SplittableRandom(seed);
        List<Round> rounds = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            try (VaultProcess vault = start("round-" + round)) {
                VaultClient client = new VaultClient(vault, Duration.ofSeconds(60));
                if (round == 1) {
                    client.createUser(ANALYST, "analyst");
                    client.createUser(AUDITOR, "auditor");
                } else {
                    assertNothingLostAndNothingHalfVisible(client, "after kill " + (round - 1));
                }
                Round result = uploadUntilKilled(vault, client, round, random.split());
                System.out.println("CrashIT " + result);
                rounds.add(result);
            }
        }
        try (VaultProcess vault = start("after-last-kill")) {
            assertNothingLostAndNothingHalfVisible(new VaultClient(vault, Duration.ofSeconds(60)),
                    "after kill " + ROUNDS);
        }
        System.out.printf("CrashIT total: %d rounds, %d uploads attempted, %d acknowledged, %d in flight at kills, "
                + "%d left half-written%n", rounds.size(), attempted.size(), acknowledged.size(),
                rounds.stream().mapToInt(Round::inFlight).sum(), rounds.stream().mapToInt(Round::partialFiles).sum());

        assertEquals(List.of(), unexpected, "every upload was valid, so each one either got 201 or no answer");
        assertTrue(acknowledged.size() > 0, "no upload was acknowledged, so nothing was tested: " + rounds);
        assertTrue(rounds.stream().anyMatch(r -> r.inFlight() > 0),
                "no upload was in flight at any kill, so no interrupted upload was tested: " + rounds);
        assertTrue(rounds.stream().anyMatch(r -> r.partialFiles() > 0),
                "no kill cut an upload off half-written, so the clean-up was not tested: " + rounds);
    }

    private VaultProcess start(String name) {
        return VaultProcess.start(data, work.resolve("vault-" + name + ".log"), List.of(), Map.of());
    }

    /**
     * Runs the uploaders, kills the vault after a random delay while they are busy, then lets them
     * notice. An upload that got no answer was never acknowledged, whatever happened to its bytes.
     */
    private Round uploadUntilKilled(VaultProcess vault, VaultClient client, int round, SplittableRandom random)
            throws IOException, InterruptedException {
        int acknowledgedBefore = acknowledged.size();
        // The first upload after a start pays for class loading, JIT and Tika's set-up (about a second
        // here); without this one the kill would mostly meet that, not concurrent uploads.
        send(client, "round" + round + "-warm-up.txt", randomText(random, MIN_FILE_BYTES), round);
        AtomicBoolean killed = new AtomicBoolean();
        AtomicLong killIssuedAt = new AtomicLong(Long.MAX_VALUE);
        AtomicInteger attempts = new AtomicInteger(1);
        AtomicInteger inFlight = new AtomicInteger();
        List<Thread> uploaders = new ArrayList<>();
        for (int u = 0; u < UPLOADERS; u++) {
            SplittableRandom own = random.split();
            String prefix = "round" + round + "-uploader" + u + "-";
            uploaders.add(new Thread(() -> {
                for (int n = 0; !killed.get(); n++) {
                    byte[] file = randomText(own, own.nextInt(MIN_FILE_BYTES, MAX_FILE_BYTES + 1));
                    attempts.incrementAndGet();
                    long startedAt = System.nanoTime();
                    try {
                        send(client, prefix + n + ".txt", file, round);
                    } catch (IOException e) {
                        if (System.nanoTime() < killIssuedAt.get()) {
                            unexpected.add("round " + round + ": connection failed before the kill: " + e);
                        } else if (startedAt < killIssuedAt.get()) {
                            inFlight.incrementAndGet();
                        }
                        // Requests started after the kill only meet a dead port; they prove nothing.
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    } catch (RuntimeException | AssertionError e) {
                        unexpected.add("round " + round + ": " + e);
                    }
                }
            }, "uploader-" + round + "-" + u));
        }
        uploaders.forEach(Thread::start);
        int killAfterMs = random.nextInt(MIN_KILL_DELAY_MS, MAX_KILL_DELAY_MS + 1);
        Pacing.pause(Duration.ofMillis(killAfterMs));
        killIssuedAt.set(System.nanoTime());
        vault.kill();
        killed.set(true);
        for (Thread uploader : uploaders) {
            uploader.join(Duration.ofSeconds(60).toMillis());
            assertFalse(uploader.isAlive(), uploader.getName() + " still hangs a minute after the kill");
        }
        return new Round(round, killAfterMs, attempts.get(), acknowledged.size() - acknowledgedBefore, inFlight.get(),
                partialUploadFiles().size());
    }

    /**
     * Uploads one file, as a multipart form or as the request's body (alternately, by the file's first
     * byte, so both ways meet the kills); records it as attempted before sending, and as acknowledged on
     * a 201.
     */
    private void send(VaultClient client, String name, byte[] file, int round) throws IOException, InterruptedException {
        String sha256 = Sha256.of(file);
        attempted.put(sha256, new Sent(name, file.length));
        HttpResponse<String> response = (file[0] & 1) == 0
                ? client.upload(ANALYST, name, file.length, () -> new ByteArrayInputStream(file))
                : client.uploadRaw(ANALYST, name, file.length, () -> new ByteArrayInputStream(file));
        if (response.statusCode() != 201) {
            unexpected.add("round " + round + ": " + response.statusCode() + " " + response.body());
            return;
        }
        JsonNode created = VaultClient.json(response);
        if (!sha256.equals(created.path("sha256").asText()) || created.path("size").asLong() != file.length) {
            unexpected.add("round " + round + ": 201 for " + sha256 + " (" + file.length + " bytes) describes " + created);
            return;
        }
        acknowledged.put(created.get("id").asText(), new Acknowledged(sha256, round));
    }

    private List<Path> partialUploadFiles() throws IOException {
        try (Stream<Path> tmp = Files.list(data.resolve("tmp"))) {
            return tmp.filter(p -> p.getFileName().toString().endsWith(".part")).toList();
        }
    }

    /**
     * (a) every acknowledged document downloads with its exact bytes; (b) every listed document is one
     * a client sent, complete; (c) no upload temp file survived the restart; (d) the audit chain holds
     * and audit search finds every event in it.
     * Collects every finding before failing, so one run shows the whole damage.
     */
    private void assertNothingLostAndNothingHalfVisible(VaultClient client, String when) throws IOException {
        List<String> findings = new ArrayList<>();
        partialUploadFiles().forEach(p -> findings.add("stray upload temp file " + p.getFileName()));
        Set<String> listed = new HashSet<>();
        int unacknowledgedButStored = 0;
        for (JsonNode document : client.allDocuments(AUDITOR)) {
            String id = document.get("id").asText();
            String sha256 = document.get("sha256").asText();
            listed.add(id);
            Sent sent = attempted.get(sha256);
            Acknowledged ack = acknowledged.get(id);
            if (sent == null) {
                findings.add("document " + id + " has sha256 " + sha256 + " (" + document.get("size").asLong()
                        + " bytes), which no client sent: a partial upload became visible");
                continue;
            }
            if (!sent.name().equals(document.path("fileName").asText())) {
                findings.add("document " + id + " holds the bytes of " + sent.name() + " but is named "
                        + document.path("fileName").asText());
            }
            if (ack == null) {
                // Committed before the kill but the 201 never arrived: allowed, as long as it is whole.
                unacknowledgedButStored++;
            } else if (!ack.sha256().equals(sha256)) {
                findings.add("document " + id + " was acknowledged as " + ack.sha256() + " but is listed as " + sha256);
            }
            Download download = client.download(AUDITOR, id);
            if (download.status() != 200 || !download.sha256().equals(sha256) || download.size() != sent.size()
                    || !("\"" + sha256 + "\"").equals(download.etag())) {
                findings.add("document " + id + " should download as " + sha256 + " (" + sent.size() + " bytes) but gave "
                        + download);
            }
        }
        acknowledged.entrySet().stream().filter(e -> !listed.contains(e.getKey()))
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> findings.add("acknowledged document " + e.getKey() + " from round " + e.getValue().round()
                        + " is missing from the catalog; its download gives " + client.download(AUDITOR, e.getKey())));
        // The full-text index survives the kill too: an acknowledged document is found by its name's words
        // (its entry was committed, or its dirty mark survived in the catalog and the indexer redid it).
        List<Map.Entry<String, Acknowledged>> recent = acknowledged.entrySet().stream()
                .filter(e -> listed.contains(e.getKey())).sorted(Map.Entry.comparingByKey()).limit(40).toList();
        for (Map.Entry<String, Acknowledged> e : recent) {
            String name = attempted.get(e.getValue().sha256()).name();
            JsonNode found = client.getJson(AUDITOR, "/api/documents?size=200&q="
                    + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8));
            boolean hit = false;
            for (JsonNode item : found.path("items")) {
                hit |= e.getKey().equals(item.path("id").asText());
            }
            if (!hit) {
                findings.add("acknowledged document " + e.getKey() + " (" + name + ") is not found by searching its name");
            }
        }
        JsonNode verify = client.getJson(AUDITOR, "/api/audit/verify");
        if (!verify.path("ok").asBoolean() || verify.path("eventCount").asLong() == 0) {
            findings.add("audit verification failed: " + verify);
        }
        Set<Long> searchable = client.searchableAuditEvents(AUDITOR);
        List<Long> unsearchable = LongStream.rangeClosed(1, verify.path("head").path("seq").asLong())
                .filter(seq -> !searchable.contains(seq)).boxed().toList();
        if (!unsearchable.isEmpty()) {
            findings.add("audit events " + unsearchable + " are in the journal but audit search cannot find them");
        }
        System.out.printf("CrashIT check %s: %d documents listed (%d acknowledged so far, %d stored without a 201), "
                + "audit chain of %d events ok=%s%n", when, listed.size(), acknowledged.size(), unacknowledgedButStored,
                verify.path("eventCount").asLong(), verify.path("ok").asBoolean());
        assertEquals(List.of(), findings, when);
    }

    private static byte[] randomText(SplittableRandom random, int size) {
        byte[] text = new byte[size];
        for (int i = 0; i < size;) {
            long bits = random.nextLong();
            for (int k = 0; k < 12 && i < size; k++, i++) {
                text[i] = TEXT[(int) (bits >>> (5 * k)) & 31];
            }
        }
        return text;
    }

    private record Sent(String name, int size) {
    }

    private record Acknowledged(String sha256, int round) {
    }

    /**
     * One start-upload-kill cycle. In flight: uploads sent before the kill that got no answer.
     * Partial files: upload temp files the kill left in {@code tmp/}, bytes the vault was still
     * receiving; the restart must delete them and must not make documents of them.
     */
    private record Round(int round, int killAfterMs, int attempted, int acknowledged, int inFlight,
            int partialFiles) {
    }
}
