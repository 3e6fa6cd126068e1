package dev.strongroom.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * One journal line as a reader of the journal gets it: the line byte for byte, its size in UTF-8
 * and the event it holds.
 */
public record JournalEntry(AuditEvent event, String line, int bytes) {

    /** @throws UnreadableJournalLine when the line is not an event (the verifier reports such damage) */
    static JournalEntry of(byte[] utf8) {
        String line = new String(utf8, StandardCharsets.UTF_8);
        try {
            return new JournalEntry(EventLine.parse(line), line, utf8.length);
        } catch (Exception e) {
            throw new UnreadableJournalLine(line, e);
        }
    }

    /** For tests and tools that hold a line rather than read it from a segment. */
    public static JournalEntry of(String line) {
        return of(line.getBytes(StandardCharsets.UTF_8));
    }

    public long seq() {
        return event.seq();
    }

    public String hash() {
        return event.hash();
    }

    public Instant time() {
        return Instant.parse(event.time());
    }

    /** A journal line that is no readable event: readers stop there rather than skip or guess. */
    public static class UnreadableJournalLine extends RuntimeException {
        public UnreadableJournalLine(String line, Throwable cause) {
            super("an audit journal line is not a readable event (" + line.length() + " characters, starting "
                    + line.substring(0, Math.min(60, line.length())) + "); it waits until the journal is repaired "
                    + "(GET /api/audit/verify shows where)", cause);
        }
    }
}
