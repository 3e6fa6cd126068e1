package dev.strongroom.writeahead;

/**
 * A kind of state change. Each capability lists its kinds in an enum; the audit action names the
 * kind in the journal, on its intent, its completion and on any refusal before it.
 */
public interface ChangeKind {

    /** The audit action, such as {@code document.legal-hold.set}. */
    String action();

    /** The enum constant's name. */
    String name();
}
