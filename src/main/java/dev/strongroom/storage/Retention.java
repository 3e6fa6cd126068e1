package dev.strongroom.storage;

import java.time.Instant;

/**
 * An Object Lock retention: {@code GOVERNANCE} or {@code COMPLIANCE} until {@code retainUntil}.
 * Under COMPLIANCE nobody may shorten it or delete the version before then.
 */
public record Retention(String mode, Instant retainUntil) {

    public boolean compliance() {
        return "COMPLIANCE".equals(mode);
    }

    /** True when this retention holds at least as long, in the same mode, as {@code wanted}. */
    public boolean covers(Retention wanted) {
        return mode.equals(wanted.mode()) && !retainUntil.isBefore(wanted.retainUntil());
    }
}
