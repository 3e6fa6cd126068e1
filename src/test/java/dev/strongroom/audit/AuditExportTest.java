package dev.strongroom.audit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strongroom.support.Vault;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@QuarkusTest
class AuditExportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void ndjsonExportStartsWithAHeaderCountingItsEventsUpToTheChainHead() throws Exception {
        String auditor = Vault.user("auditor", "auditor");
        List<String> lines = AuditExports.lines(AuditExports.download(auditor, "ndjson", Map.of(), dir));

        JsonNode header = JSON.readTree(lines.get(0));
        JsonNode last = JSON.readTree(lines.get(lines.size() - 1));
        assertEquals(1, header.get("strongroomAuditExport").asInt());
        assertTrue(header.get("contiguous").asBoolean());
        assertEquals(0, header.get("anchor").get("seq").asLong());
        assertEquals(AuditEvent.GENESIS_HASH, header.get("anchor").get("hash").asText());
        assertEquals(lines.size() - 1, header.get("eventCount").asLong());
        assertEquals(last.get("seq").asLong(), header.get("chainHead").get("seq").asLong());
        assertEquals(last.get("hash").asText(), header.get("chainHead").get("hash").asText());
        // Background work from earlier uploads (metadata extraction) may append after the export's own event.
        assertTrue(lines.stream().skip(1).map(AuditExportTest::read)
                .anyMatch(event -> "audit.export".equals(event.get("action").asText())
                        && auditor.equals(event.get("actor").asText())),
                "the export holds its own audit.export event");
    }

    private static JsonNode read(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void anNdjsonExportVerifiesOnItsOwn() throws Exception {
        String auditor = Vault.user("auditor", "auditor");
        Path export = AuditExports.download(auditor, "ndjson", Map.of(), dir);

        assertEquals(0, VerifyExport.run(export));
    }

    /**
     * An auditor exporting on a busy vault: uploads go on from several clients while the exports
     * run, and every export, whole-trail and filtered, must pass the project's own verifier (its
     * header's count and chain head describe exactly the events its body holds).
     */
    @Test
    void everyExportTakenWhileEventsAreAppendedVerifiesOnItsOwn() throws Exception {
        String auditor = Vault.user("auditor", "auditor");
        List<String> writers = List.of(Vault.user("busy", "analyst"), Vault.user("busy", "analyst"),
                Vault.user("busy", "analyst"));
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger uploads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(writers.size());
        List<Future<?>> running = new ArrayList<>();
        for (String writer : writers) {
            running.add(pool.submit(() -> {
                while (!stop.get()) {
                    int n = uploads.incrementAndGet();
                    Vault.upload(writer, "busy-" + n + ".txt", ("busy vault, upload " + n + " by " + writer + "\n")
                            .getBytes(StandardCharsets.UTF_8)).then().statusCode(201);
                }
                return null;
            }));
        }
        List<String> broken = new ArrayList<>();
        int exports = 0;
        try {
            await().atMost(Duration.ofMinutes(2)).until(() -> uploads.get() >= writers.size());
            for (int round = 0; round < 12; round++) {
                Map<String, String> filter = round % 3 == 2 ? Map.of("actor", writers.get(round % writers.size()))
                        : Map.of();
                Path export = AuditExports.download(auditor, "ndjson", filter, dir);
                exports++;
                if (VerifyExport.run(export) != 0) {
                    broken.add("round " + round + " " + filter + ": " + AuditExports.lines(export).get(0));
                }
            }
        } finally {
            stop.set(true);
            pool.shutdown();
        }
        for (Future<?> writer : running) {
            writer.get(2, TimeUnit.MINUTES);
        }
        assertEquals(List.of(), broken, "exports that failed verification (see the verifier's lines above)");
        assertTrue(uploads.get() > exports, "uploads ran alongside the exports: " + uploads.get());
    }

    @Test
    void changingOneExportedEventMakesTheExportFailVerification() throws Exception {
        String auditor = Vault.user("auditor", "auditor");
        Path export = AuditExports.download(auditor, "ndjson", Map.of(), dir);

        AuditExports.alterOneEvent(export);

        assertEquals(1, VerifyExport.run(export));
    }

    @Test
    void jsonExportHoldsTheSameEventsAsNdjson() throws Exception {
        String analyst = analystWithUploads(3);
        String auditor = Vault.user("auditor", "auditor");
        Map<String, String> byAnalyst = Map.of("actor", analyst);
        List<String> ndjson = AuditExports.lines(AuditExports.download(auditor, "ndjson", byAnalyst, dir));
        JsonNode json = JSON.readTree(AuditExports.download(auditor, "json", byAnalyst, dir).toFile());

        List<String> ndjsonHashes = new ArrayList<>();
        for (String line : ndjson.subList(1, ndjson.size())) {
            ndjsonHashes.add(JSON.readTree(line).get("hash").asText());
        }
        List<String> jsonHashes = new ArrayList<>();
        json.get("events").forEach(e -> jsonHashes.add(e.get("hash").asText()));
        assertEquals(json.get("eventCount").asLong(), jsonHashes.size());
        assertEquals(ndjsonHashes, jsonHashes);
    }

    @Test
    void filteringByActorExportsOnlyThatActorsEvents() throws Exception {
        String analyst = analystWithUploads(2);
        analystWithUploads(1);
        String auditor = Vault.user("auditor", "auditor");
        Path export = AuditExports.download(auditor, "ndjson", Map.of("actor", analyst), dir);
        List<String> lines = AuditExports.lines(export);

        JsonNode header = JSON.readTree(lines.get(0));
        assertEquals(analyst, header.get("filter").get("actor").asText());
        assertFalse(header.get("contiguous").asBoolean(), "a filtered export cannot prove the chain between events");
        List<JsonNode> events = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            events.add(JSON.readTree(line));
        }
        assertEquals(Set.of(analyst), events.stream().map(e -> e.get("actor").asText()).collect(Collectors.toSet()));
        assertEquals(2, events.stream().filter(e -> e.get("action").asText().equals("document.upload")).count());
        assertEquals(0, VerifyExport.run(export), "each event's own hash still checks");
    }

    private static String analystWithUploads(int count) {
        String analyst = Vault.user("analyst", "analyst");
        for (int i = 0; i < count; i++) {
            Vault.upload(analyst, "statement-" + i + ".txt",
                    ("statement " + i + " of " + analyst + "\n").getBytes(StandardCharsets.UTF_8)).then().statusCode(201);
        }
        return analyst;
    }
}
