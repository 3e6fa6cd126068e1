package dev.strongroom.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The check of an NDJSON audit export on its own: every event's hash; for a contiguous export also
 * the chain from its anchor and that the last event is the chain head it claims; the event count
 * against the header. Shared by the offline {@link VerifyExport} and the audit page's upload.
 *
 * @param usable false when the input is not an export at all (no header line)
 * @param findings one line per finding, as the command prints them
 * @param summary the closing line: OK or BROKEN, how many events, what was checked
 */
public record ExportCheck(boolean usable, boolean ok, long events, boolean contiguous, List<String> findings,
        String summary) {

    public static ExportCheck of(BufferedReader reader) throws IOException {
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
        String line;
        while ((line = reader.readLine()) != null) {
            if (!line.isEmpty()) {
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
        result.findings().forEach(f -> findings.add(String.format(Locale.ROOT, "%-6s seq %d: %s",
                f.kind().toUpperCase(Locale.ROOT), f.seq(), f.message())));
        String summary = String.format(Locale.ROOT, "%s: %d events%s, chain head seq %s", ok ? "OK" : "BROKEN",
                result.eventCount(), contiguous ? ", chain checked from seq " + anchor.path("seq").asLong()
                        : ", each event's hash checked (filtered export: links between events cannot be checked)",
                head.path("seq").asText());
        return new ExportCheck(true, ok, result.eventCount(), contiguous, findings, summary);
    }
}
