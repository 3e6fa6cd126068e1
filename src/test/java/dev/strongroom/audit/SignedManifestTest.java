package dev.strongroom.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strongroom.signing.KeyHistory;
import dev.strongroom.signing.SigningKey;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The signed manifest of an export without a vault: what the header commits to, and each way of
 * changing a filtered export that only the manifest and its signature can catch (its own hashes and
 * the missing links say nothing about a filtered export).
 */
class SignedManifestTest {

    private static final SigningKey KEY = SigningKey.generate();
    private static final KeyHistory KEYS = KeyHistory.ofSingleKey(KEY.publicKey());

    @TempDir
    Path dir;

    private final List<String> chain = ChainVerifierTest.chain(8);
    private final List<String> filtered = List.of(chain.get(1), chain.get(3), chain.get(4), chain.get(6));

    @Test
    void theManifestNamesTheEventLinesAndTheSignatureCoversTheWholeHeaderLine() throws IOException {
        AuditExporter.LinesManifest manifest = AuditExporter.manifest(spool(filtered));
        assertEquals(2L, manifest.firstSeq());
        assertEquals(7L, manifest.lastSeq());
        assertEquals(EventLine.sha256(String.join("\n", filtered) + "\n"), manifest.sha256());

        String line = signed(filtered).asHttpHeader();
        assertTrue(line.endsWith("\"}"), line);
        assertTrue(line.contains("\"keyId\":\"" + KEY.keyId() + "\""), line);
        byte[] signedPart = ExportHeader.signedPart(line);
        assertEquals(line.substring(0, line.indexOf(ExportHeader.SIGNATURE_MEMBER)) + "}",
                new String(signedPart, StandardCharsets.UTF_8));
        assertNull(ExportHeader.signedPart(new ExportHeader(1, "2026-12-01T10:00:00Z", Map.of(), true, null, 0,
                new ChainHead(0, AuditEvent.GENESIS_HASH)).asHttpHeader()), "an unsigned header has nothing signed");
    }

    @Test
    void anHonestFilteredExportPassesWithAndWithoutTheKeys() throws IOException {
        ExportHeader header = signed(filtered);

        ExportCheck withKeys = check(header.asHttpHeader(), filtered, KEYS);
        assertTrue(withKeys.ok(), withKeys.findings() + " " + withKeys.summary());
        assertTrue(withKeys.summary().endsWith("manifest and signature checked (key " + KEY.keyId() + ")"),
                withKeys.summary());
        ExportCheck without = check(header.asHttpHeader(), filtered, null);
        assertTrue(without.ok(), without.findings().toString());
        assertTrue(without.summary().endsWith("signature not checked (give the key history)"), without.summary());
    }

    @Test
    void anEmptyExportNamesNoEvents() throws IOException {
        ExportHeader header = signed(List.of());
        assertNull(header.firstSeq());
        assertNull(header.lastSeq());
        assertTrue(check(header.asHttpHeader(), List.of(), KEYS).ok());
        assertFinding(check(header.asHttpHeader(), List.of(chain.get(2)), KEYS), "BOUNDS the header's firstSeq is none");
    }

    @Test
    void everyChangeToTheEventsIsCaughtByTheManifest() throws IOException {
        String header = signed(filtered).asHttpHeader();
        List<String> changedEvent = new ArrayList<>(filtered);
        String body = filtered.get(1).substring(0, filtered.get(1).lastIndexOf(",\"hash\":\""))
                .replaceFirst("\"actor\":\"", "\"actor\":\"x");
        changedEvent.set(1, body + ",\"hash\":\"" + EventLine.sha256(body + "}") + "\"}");

        assertFinding(check(header, filtered.subList(0, 3), KEYS), "EVENTS");
        assertFinding(check(header, filtered.subList(0, 3), KEYS), "BOUNDS the header's lastSeq is 7, the file's is 5");
        assertFinding(check(header, filtered.subList(1, 4), KEYS), "BOUNDS the header's firstSeq is 2, the file's is 4");
        assertFinding(check(header, List.of(filtered.get(0), filtered.get(2), filtered.get(1), filtered.get(3)), KEYS),
                "EVENTS");
        List<String> added = new ArrayList<>(filtered);
        added.add(2, chain.get(5));
        assertFinding(check(header, added, KEYS), "EVENTS");
        assertFinding(check(header, changedEvent, KEYS), "EVENTS");
        assertFinding(check(header, changedEvent, null), "EVENTS");
    }

    @Test
    void aChangedHeaderFailsItsSignatureAndAnUnsignedOneIsNamed() throws IOException {
        String header = signed(filtered).asHttpHeader();
        List<String> cut = filtered.subList(0, 3);
        String recounted = header.replace("\"eventCount\":4", "\"eventCount\":3").replace("\"lastSeq\":7",
                "\"lastSeq\":5").replaceFirst("\"eventsSha256\":\"[0-9a-f]{64}\"", "\"eventsSha256\":\""
                        + EventLine.sha256(String.join("\n", cut) + "\n") + "\"");

        ExportCheck check = check(recounted, cut, KEYS);
        assertEquals(List.of("SIGNED the header's signature fails: the signature does not verify with key "
                + KEY.keyId()), check.findings());
        assertTrue(check(recounted, cut, null).ok(), "without the keys only the manifest is checked");

        String stripped = header.substring(0, header.indexOf(",\"keyId\":")) + "}";
        assertFinding(check(stripped, filtered, KEYS), "UNSIGNED the header carries no signature");
        assertTrue(check(stripped, filtered, null).summary().endsWith(", unsigned header"));

        String otherKey = signed(filtered, SigningKey.generate()).asHttpHeader();
        assertFinding(check(otherKey, filtered, KEYS), "SIGNED the header's signature fails: it names key");
        assertFinding(check(header.replace("\"exportedAt\":\"2026-12-01T10:00:00Z\"", "\"exportedAt\":\"yesterday\""),
                filtered, KEYS), "SIGNED the header's exportedAt is not an instant");
    }

    private ExportHeader signed(List<String> lines) throws IOException {
        return signed(lines, KEY);
    }

    private ExportHeader signed(List<String> lines, SigningKey key) throws IOException {
        AuditExporter.LinesManifest m = AuditExporter.manifest(spool(lines));
        return new ExportHeader(1, "2026-12-01T10:00:00Z", Map.of("actor", "alice"), false, null, lines.size(),
                new ChainHead(8, EventLine.claimedHash(chain.get(7))))
                .withManifest(m.firstSeq(), m.lastSeq(), m.sha256(), null).signedWith(key);
    }

    private Path spool(List<String> lines) throws IOException {
        Path file = Files.createTempFile(dir, "spool-", ".ndjson");
        return Files.writeString(file, lines.isEmpty() ? "" : String.join("\n", lines) + "\n");
    }

    private static ExportCheck check(String headerLine, List<String> lines, KeyHistory keys) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((headerLine + "\n").getBytes(StandardCharsets.UTF_8));
        for (String line : lines) {
            out.writeBytes((line + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return ExportCheck.of(new BufferedReader(new StringReader(out.toString(StandardCharsets.UTF_8))), keys);
    }

    private static void assertFinding(ExportCheck check, String start) {
        assertFalse(check.ok(), check.summary());
        assertTrue(check.findings().stream().anyMatch(f -> f.startsWith(start)), start + " in " + check.findings());
    }
}
