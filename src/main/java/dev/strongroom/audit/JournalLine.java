package dev.strongroom.audit;

/** An appended event together with the exact line the journal holds for it. */
public record JournalLine(AuditEvent event, String line) {
}
