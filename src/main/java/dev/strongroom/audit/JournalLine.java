package dev.strongroom.audit;

/**
 * An appended event together with the exact line the journal holds for it; {@code line} is null for
 * an event held back while the journal is read-only ({@link HeldEvents}), which has no place in the
 * chain yet and so no sequence number (0) nor hash.
 */
public record JournalLine(AuditEvent event, String line) {

    public boolean held() {
        return line == null;
    }
}
