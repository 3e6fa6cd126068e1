package dev.strongroom.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.strongroom.signing.KeyHistory;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The check of an NDJSON audit export on its own: every event's hash; for a contiguous export also
 * the chain from its anchor and that the last event is the chain head it claims; the event count
 * against the header; the header's manifest (first and last seq, the SHA-256 of the event lines),
 * which catches any event removed, added, reordered or changed in an export of any filter; and, given
 * the key history, the header's signature. Shared by the offline {@link VerifyExport} and the audit
 * page's upload.
 *
 * @param usable false when the input is not an export at all (no header line)
 * @param findings one line per finding, as the command prints them
 * @param summary the closing line: OK or BROKEN, how many events, what was checked
 */
public record ExportCheck(boolean usable, boolean ok, long events, boolean contiguous, List<String> findings,
        String summary) {

    /**
     * @param keys the vault's key history to check the header's signature with; null leaves the
     *        signature unchecked (and says so in the summary)
     */
    public static ExportCheck of(BufferedReader reader, KeyHistory keys) throws IOException {
        String first = reader.readLine();
        JsonNode header;
        try {
            header = first == null ? null : EventLine.JSON.readTree(first);
        } catch (JsonProcessingException e) {
            header = null;
        }
        if (header == null || !header.has("strongroomAuditExport")) {
            return new ExportCheck(false, false, 0, false, List.of(),
                    "not a Strongroom NDJSON audit export: the first line is not its header");
        }
        boolean contiguous = header.path("contiguous").asBoolean(false);
        JsonNode anchor = header.path("anchor");
        ChainVerifier verifier = contiguous && anchor.has("seq")
                ? new ChainVerifier(anchor.get("seq").asLong(), anchor.get("hash").asText())
                : new ChainVerifier(0, null);
        MessageDigest lines = EventLine.newSha256();
        Long firstSeq = null;
        Long lastSeq = null;
        String line;
        while ((line = reader.readLine()) != null) {
            lines.update(line.getBytes(StandardCharsets.UTF_8));
            lines.update((byte) '\n');
            if (!line.isEmpty()) {
                long seq = JournalSegments.seqOf(line);
                if (firstSeq == null) {
                    firstSeq = seq;
                }
                lastSeq = seq;
                if (contiguous) {
                    verifier.accept(line);
                } else {
                    verifier.acceptUnlinked(line);
                }
            }
        }
        VerificationResult result = verifier.result();
        boolean ok = result.ok();
        List<String> findings = new ArrayList<>();
        long claimedCount = header.path("eventCount").asLong(-1);
        if (claimedCount != result.eventCount()) {
            findings.add(String.format(Locale.ROOT, "COUNT  the header promises %d events, the file has %d",
                    claimedCount, result.eventCount()));
            ok = false;
        }
        JsonNode head = header.path("chainHead");
        if (contiguous && result.head() != null && result.head().seq() == head.path("seq").asLong()
                && !result.head().hash().equals(head.path("hash").asText())) {
            findings.add("HEAD   the last event's hash is not the chain head the header claims");
            ok = false;
        }
        findings.addAll(manifestFindings(header, HexFormat.of().formatHex(lines.digest()), firstSeq, lastSeq));
        String signature = signatureFinding(first, header, keys);
        if (signature != null) {
            findings.add(signature);
        }
        ok = ok && findings.isEmpty();
        result.findings().forEach(f -> findings.add(String.format(Locale.ROOT, "%-6s seq %d: %s",
                f.kind().toUpperCase(Locale.ROOT), f.seq(), f.message())));
        String signed = !header.has("signature") ? ", unsigned header"
                : keys == null ? ", manifest checked, signature not checked (give the key history)"
                        : ", manifest and signature checked (key " + header.path("keyId").asText() + ")";
        String summary = String.format(Locale.ROOT, "%s: %d events%s, chain head seq %s%s", ok ? "OK" : "BROKEN",
                result.eventCount(), contiguous ? ", chain checked from seq " + anchor.path("seq").asLong()
                        : ", each event's hash checked (filtered export: links between events cannot be checked)",
                head.path("seq").asText(), signed);
        return new ExportCheck(true, ok, result.eventCount(), contiguous, findings, summary);
    }

    /** The body against the manifest the header signs; nothing to check in a header without one. */
    private static List<String> manifestFindings(JsonNode header, String linesSha256, Long firstSeq, Long lastSeq) {
        List<String> findings = new ArrayList<>();
        if (header.has("eventsSha256") && !header.get("eventsSha256").asText().equals(linesSha256)) {
            findings.add("EVENTS the event lines are not those the header's eventsSha256 names: events were removed, "
                    + "added, reordered or changed");
        }
        if (!header.has("eventsSha256")) {
            return findings;
        }
        // In a manifest, a bound left out means the export has no events at all.
        for (var bound : List.of(Map.entry("firstSeq", Optional.ofNullable(firstSeq)),
                Map.entry("lastSeq", Optional.ofNullable(lastSeq)))) {
            JsonNode named = header.path(bound.getKey());
            Optional<Long> claimed = named.isNumber() ? Optional.of(named.asLong()) : Optional.empty();
            if (!claimed.equals(bound.getValue())) {
                findings.add(String.format(Locale.ROOT, "BOUNDS the header's %s is %s, the file's is %s",
                        bound.getKey(), claimed.map(String::valueOf).orElse("none"),
                        bound.getValue().map(String::valueOf).orElse("none")));
            }
        }
        return findings;
    }

    /**
     * What is wrong with the header's signature, or null: unchecked without a key history; with one, a
     * header that carries no signature cannot show it is complete, and one whose signature fails was
     * changed (or was not the vault's).
     */
    private static String signatureFinding(String line, JsonNode header, KeyHistory keys) {
        if (keys == null) {
            return null;
        }
        byte[] signedPart = ExportHeader.signedPart(line);
        if (signedPart == null || !header.has("signature")) {
            return "UNSIGNED the header carries no signature: nothing shows the export is complete";
        }
        Instant exportedAt;
        try {
            exportedAt = Instant.parse(header.path("exportedAt").asText());
        } catch (DateTimeParseException e) {
            return "SIGNED the header's exportedAt is not an instant";
        }
        return keys.signatureProblem(header.path("keyId").asText(null), signedPart,
                header.get("signature").asText(), exportedAt).map(p -> "SIGNED the header's signature fails: " + p)
                .orElse(null);
    }
}
