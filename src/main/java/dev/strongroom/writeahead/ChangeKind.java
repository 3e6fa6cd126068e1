package dev.strongroom.writeahead;

import dev.strongroom.audit.AuditAction;

/**
 * A kind of state change. Each capability lists its kinds in an enum; the audit action names the
 * kind in the journal, on its intent, its completion and on any refusal before it.
 */
public interface ChangeKind extends AuditAction {

    /** The enum constant's name. */
    String name();
}
