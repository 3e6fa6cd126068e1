package dev.strongroom.audit;

/**
 * An action the audit trail names. Each capability lists its actions in one enum, so a name is written
 * once, read back by the verifiers and reports through the same constant, and documented in
 * {@code docs/audit-format.md} (a test holds the table and the enums together).
 */
public interface AuditAction {

    /** The dotted name stored in the journal and the index, such as {@code backup.run}. */
    String action();
}
