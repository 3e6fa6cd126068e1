package dev.strongroom.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The export formats written from plain journal lines, and the offline verifier an auditor runs on
 * them: an intact export passes; a changed event, a wrong count, a wrong chain head or a missing
 * header is reported.
 */
class ExportFormatsTest {

    @TempDir
    Path dir;

    private final AuditExporter exporter = new AuditExporter();

    @Test
    void anNdjsonExportCarriesItsHeaderAndTheLinesByteForByteAndVerifies() throws IOException {
        List<String> chain = ChainVerifierTest.chain(5);
        ExportHeader header = header(chain, true, new ChainHead(0, AuditEvent.GENESIS_HASH));

        String export = write(ExportFormat.NDJSON, header, chain);

        List<String> lines = export.lines().toList();
        assertEquals(6, lines.size());
        assertEquals(chain, lines.subList(1, 6));
        JsonNode head = EventLine.JSON.readTree(lines.get(0));
        assertEquals(5, head.get("eventCount").asLong());
        assertEquals(0, VerifyExport.run(Files.writeString(dir.resolve("ok.ndjson"), export)));
    }

    @Test
    void aJsonExportHoldsTheSameLinesInsideItsHeader() throws IOException {
        List<String> chain = ChainVerifierTest.chain(3);

        JsonNode json = EventLine.JSON.readTree(write(ExportFormat.JSON, header(chain, true, null), chain));

        assertEquals(3, json.get("eventCount").asLong());
        assertEquals(3, json.get("events").size());
        List<String> hashes = new ArrayList<>();
        json.get("events").forEach(e -> hashes.add(e.get("hash").asText()));
        assertEquals(chain.stream().map(EventLine::claimedHash).toList(), hashes);
        assertEquals(1, json.get("strongroomAuditExport").asInt());
    }

    @Test
    void aJsonExportPutsEachEventOnALineOfItsOwn() throws IOException {
        List<String> chain = ChainVerifierTest.chain(3);

        List<String> lines = write(ExportFormat.JSON, header(chain, true, null), chain).lines().toList();

        assertEquals(List.of(chain.get(0) + ",", chain.get(1) + ",", chain.get(2), "]}"), lines.subList(1, 5));
        assertTrue(lines.get(0).endsWith(",\"events\":["), lines.get(0));
    }

    @Test
    void anEmptyJsonExportIsStillJson() throws IOException {
        JsonNode json = EventLine.JSON.readTree(write(ExportFormat.JSON, header(List.of(), false, null), List.of()));

        assertEquals(0, json.get("events").size());
    }

    @Test
    void aCsvExportHasOneRowPerEventUnderTheColumnNames() throws IOException {
        List<String> chain = ChainVerifierTest.chain(2);

        String csv = write(ExportFormat.CSV, header(chain, true, null), chain);

        CSVParser parser = CSVFormat.DEFAULT.builder().setCommentMarker('#').setHeader().setSkipHeaderRecord(true)
                .get().parse(new StringReader(csv));
        List<CSVRecord> rows = parser.getRecords();
        assertEquals(2, rows.size());
        assertEquals(List.of(AuditExporter.CSV_COLUMNS), parser.getHeaderNames());
        assertEquals("2", rows.get(1).get("seq"));
        assertEquals("alice", rows.get(1).get("actor"));
        assertEquals("{\"n\":\"2\"}", rows.get(1).get("detail"));
        assertEquals(EventLine.claimedHash(chain.get(0)), rows.get(1).get("prevHash"));
        assertEquals(EventLine.claimedHash(chain.get(1)), rows.get(1).get("hash"));
    }

    @Test
    void theVerifierReportsAChangedEvent() throws IOException {
        List<String> chain = new ArrayList<>(ChainVerifierTest.chain(4));
        ExportHeader header = header(chain, true, new ChainHead(0, AuditEvent.GENESIS_HASH));
        chain.set(2, chain.get(2).replace("\"outcome\":\"success\"", "\"outcome\":\"failure\""));

        assertEquals(1, verify(header, chain));
    }

    @Test
    void theVerifierReportsAHeaderPromisingMoreEventsThanTheFileHas() throws IOException {
        List<String> chain = ChainVerifierTest.chain(4);
        ExportHeader promised = header(chain, true, new ChainHead(0, AuditEvent.GENESIS_HASH));

        assertEquals(1, verify(promised, chain.subList(0, 3)), "the file lost its last event");
    }

    @Test
    void theVerifierReportsAChainHeadTheLastEventDoesNotMatch() throws IOException {
        List<String> chain = ChainVerifierTest.chain(3);
        ExportHeader header = new ExportHeader(1, Instant.now().toString(), Map.of(), true,
                new ChainHead(0, AuditEvent.GENESIS_HASH), 3, new ChainHead(3, "f".repeat(64)));

        assertEquals(1, verify(header, chain));
    }

    @Test
    void aFilteredExportIsCheckedEventByEvent() throws IOException {
        List<String> chain = ChainVerifierTest.chain(6);
        List<String> some = List.of(chain.get(1), chain.get(4));
        ExportHeader header = new ExportHeader(1, Instant.now().toString(), Map.of("actor", "alice"), false, null, 2,
                new ChainHead(6, EventLine.claimedHash(chain.get(5))));

        assertEquals(0, verify(header, some));
        assertEquals(1, verify(header, List.of(some.get(0), some.get(1).replace("alice", "alicE"))));
    }

    @Test
    void aFileWithoutTheExportHeaderIsNotAnExport() throws IOException {
        Path file = Files.writeString(dir.resolve("plain.ndjson"), String.join("\n", ChainVerifierTest.chain(2)) + "\n");

        assertEquals(2, VerifyExport.run(file));
        assertEquals(2, VerifyExport.run(Files.writeString(dir.resolve("empty.ndjson"), "")));
    }

    @Test
    void exportFormatsAreParsedByTheirExtension() {
        assertEquals(ExportFormat.NDJSON, ExportFormat.parse("NDJSON"));
        assertEquals(ExportFormat.CSV, ExportFormat.parse("csv"));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> ExportFormat.parse("xml"));
        assertEquals("Query parameter 'format' must be one of csv, json, ndjson, not 'xml'", refused.getMessage());
    }

    @Test
    void theVerifierTellsTheAuditorWhatItFound() throws IOException {
        List<String> chain = new ArrayList<>(ChainVerifierTest.chain(4));
        ExportHeader header = header(chain, true, new ChainHead(0, AuditEvent.GENESIS_HASH));
        chain.set(1, chain.get(1).replace("\"outcome\":\"success\"", "\"outcome\":\"failure\""));

        List<String> said = printed(() -> verify(header, chain.subList(0, 3)));

        assertEquals(List.of("COUNT  the header promises 4 events, the file has 3",
                "ALTERED seq 2: event 2 does not match its hash (content changed)",
                "BROKEN: 3 events, chain checked from seq 0, chain head seq 4, unsigned header"), said);
        assertEquals(List.of("OK: 4 events, chain checked from seq 0, chain head seq 4, unsigned header"),
                printed(() -> verify(header, ChainVerifierTest.chain(4))));
    }

    @Test
    void aContiguousExportWithoutAnAnchorIsCheckedFromItsFirstEvent() throws IOException {
        List<String> chain = ChainVerifierTest.chain(5).subList(2, 5);
        ExportHeader header = new ExportHeader(1, "2026-12-01T10:00:00Z", Map.of(), true, null, 3,
                new ChainHead(5, EventLine.claimedHash(chain.get(2))));

        assertEquals(0, verify(header, chain));
    }

    @Test
    void aWrongChainHeadIsNamed() throws IOException {
        List<String> chain = ChainVerifierTest.chain(3);
        ExportHeader header = new ExportHeader(1, Instant.now().toString(), Map.of(), true,
                new ChainHead(0, AuditEvent.GENESIS_HASH), 3, new ChainHead(3, "e".repeat(64)));

        assertEquals(List.of("HEAD   the last event's hash is not the chain head the header claims",
                "BROKEN: 3 events, chain checked from seq 0, chain head seq 3, unsigned header"), printed(() -> verify(header, chain)));
    }

    @Test
    void anExportFromMidChainWhoseFirstEventDoesNotChainToItsAnchorIsBroken() throws IOException {
        List<String> chain = ChainVerifierTest.chain(5);
        List<String> tail = chain.subList(2, 5);
        ChainHead head = new ChainHead(5, EventLine.claimedHash(chain.get(4)));
        ExportHeader header = new ExportHeader(1, "2026-12-01T10:00:00Z", Map.of(), true, new ChainHead(2,
                "d".repeat(64)), 3, head);
        ExportHeader honest = new ExportHeader(1, "2026-12-01T10:00:00Z", Map.of(), true, new ChainHead(2,
                EventLine.claimedHash(chain.get(1))), 3, head);

        assertEquals(List.of("BROKEN-LINK seq 3: event 3 does not chain to the event before it (prevHash mismatch)",
                "BROKEN: 3 events, chain checked from seq 2, chain head seq 5, unsigned header"),
                printed(() -> verify(header, tail)));
        assertEquals(0, verify(honest, tail));
    }

    @Test
    void aReaderWhoseFirstLineIsNoHeaderIsNoExport() throws IOException {
        for (String text : List.of("", "not json\n", "{\"total\":2}\n" + ChainVerifierTest.chain(1).get(0))) {
            ExportCheck check = ExportCheck.of(new java.io.BufferedReader(new StringReader(text)), null);

            assertFalse(check.usable(), text);
            assertFalse(check.ok(), text);
            assertEquals("not a Strongroom NDJSON audit export: the first line is not its header", check.summary());
        }
    }

    private interface Run {
        int call() throws IOException;
    }

    private static List<String> printed(Run run) throws IOException {
        java.io.PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            run.call();
        } finally {
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private int verify(ExportHeader header, List<String> lines) throws IOException {
        Path file = Files.createTempFile(dir, "export-", ".ndjson");
        Files.writeString(file, write(ExportFormat.NDJSON, header, lines));
        return VerifyExport.run(file);
    }

    private static ExportHeader header(List<String> chain, boolean contiguous, ChainHead anchor) {
        ChainHead head = chain.isEmpty() ? new ChainHead(0, AuditEvent.GENESIS_HASH)
                : new ChainHead(chain.size(), EventLine.claimedHash(chain.get(chain.size() - 1)));
        return new ExportHeader(1, "2026-12-01T10:00:00Z", Map.of(), contiguous, anchor, chain.size(), head);
    }

    private String write(ExportFormat format, ExportHeader header, List<String> lines) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        exporter.write(format, header, sink -> {
            for (String line : lines) {
                sink.accept(line);
            }
        }, out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
