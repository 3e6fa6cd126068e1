package dev.strongroom.compliance.drill;

/** What one fetched document version came to: its bytes hashed to the recorded SHA-256, or not. */
public enum DrillOutcome {
    PASS,
    FAIL
}
