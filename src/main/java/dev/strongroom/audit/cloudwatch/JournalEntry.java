package dev.strongroom.audit.cloudwatch;

import dev.strongroom.audit.AuditEvent;
import dev.strongroom.audit.EventLine;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * One journal line as the shipper needs it: the line byte for byte, its size in UTF-8, and the
 * fields it is ordered and stamped by.
 */
public record JournalEntry(long seq, String line, int bytes, Instant time, String hash) {

    /** @throws UnreadableJournalLine when the line is not an event (the verifier reports such damage) */
    static JournalEntry of(byte[] utf8) {
        String line = new String(utf8, StandardCharsets.UTF_8);
        try {
            AuditEvent event = EventLine.parse(line);
            return new JournalEntry(event.seq(), line, utf8.length, Instant.parse(event.time()), event.hash());
        } catch (Exception e) {
            throw new UnreadableJournalLine(line, e);
        }
    }

    /** A journal line the shipper cannot read: shipping stops there rather than skip or guess. */
    public static class UnreadableJournalLine extends RuntimeException {
        UnreadableJournalLine(String line, Throwable cause) {
            super("an audit journal line is not a readable event (" + line.length() + " characters, starting "
                    + line.substring(0, Math.min(60, line.length())) + "); shipping waits until the journal is "
                    + "repaired (GET /api/audit/verify shows where)", cause);
        }
    }
}
