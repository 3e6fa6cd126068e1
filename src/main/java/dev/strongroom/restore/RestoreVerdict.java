package dev.strongroom.restore;

import java.util.ArrayList;
import java.util.List;

/**
 * The last word of a restore, of any kind (the restore command, a snapshot reconcile): it names
 * every document and audit event it could not bring back, with where each may still be found, and
 * what came back from somewhere other than the place the restore read first. Nothing is left out to
 * make a restore look complete: {@link Outcome#COMPLETE} means nothing is missing that the backup
 * knew of.
 *
 * @param missing every item not brought back, each with its leads
 * @param recovered items that came back from a second source (the other bucket, another version)
 * @param unchecked places that may hold more than the backup knew, named because nobody looked there
 *        yet (the audit stream past the backup's journal head)
 */
public record RestoreVerdict(Outcome outcome, List<Missing> missing, List<Recovered> recovered,
        List<Lead> unchecked) {

    /** How a restore ended; also its exit status. */
    public enum Outcome {
        /** Everything the backup holds was brought back and verified. */
        COMPLETE(0),
        /** Something is missing; {@link RestoreVerdict#missing()} names it. */
        INCOMPLETE(2),
        /** Nothing usable was restored (no backup, a broken manifest chain, an unreadable catalog export). */
        FAILED(1);

        private final int exitStatus;

        Outcome(int exitStatus) {
            this.exitStatus = exitStatus;
        }

        public int exitStatus() {
            return exitStatus;
        }
    }

    /** What kind of thing is missing or recovered. */
    public enum Kind {
        DOCUMENT, AUDIT_EVENTS
    }

    /** Where something may still be found, and how to get it from there. */
    public record Lead(CopySource where, String how) {
        public String text() {
            return where.description() + ": " + how;
        }
    }

    /**
     * One item not brought back.
     *
     * @param id the document id, or the range of audit sequence numbers ("seq 120-180")
     * @param name the document's file name, or the journal segment's
     * @param owner the document's uploader, when known
     * @param sha256 the document's SHA-256, when known, so its bytes can be recognised wherever found
     */
    public record Missing(Kind kind, String id, String name, String owner, String sha256, String reason,
            List<Lead> stillAt) {
    }

    /** An item that came back, but from {@code from}, not from where the restore read first. */
    public record Recovered(Kind kind, String id, CopySource from, String detail) {
    }

    public static RestoreVerdict failed(String why, List<Lead> leads) {
        return new RestoreVerdict(Outcome.FAILED, List.of(new Missing(Kind.DOCUMENT, "*", null, null, null, why,
                List.copyOf(leads))), List.of(), List.of());
    }

    /** COMPLETE when nothing is missing and the audit chain verified, else INCOMPLETE. */
    public static RestoreVerdict of(List<Missing> missing, List<Recovered> recovered, List<Lead> unchecked,
            boolean chainVerified) {
        Outcome outcome = missing.isEmpty() && chainVerified ? Outcome.COMPLETE : Outcome.INCOMPLETE;
        return new RestoreVerdict(outcome, List.copyOf(missing), List.copyOf(recovered), List.copyOf(unchecked));
    }

    public int exitStatus() {
        return outcome.exitStatus();
    }

    /** The verdict as lines for a log or a terminal, most important first. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add("verdict: " + outcome + (missing.isEmpty() ? "" : ", " + missing.size() + " item(s) NOT brought back"));
        for (Missing m : missing) {
            StringBuilder line = new StringBuilder("  NOT RESTORED ").append(m.kind() == Kind.DOCUMENT ? "document "
                    : "audit events ").append(m.id());
            if (m.name() != null) {
                line.append(" (").append(m.name()).append(m.owner() == null ? "" : ", uploaded by " + m.owner())
                        .append(m.sha256() == null ? "" : ", SHA-256 " + m.sha256()).append(')');
            }
            lines.add(line.append(": ").append(m.reason()).toString());
            for (Lead lead : m.stillAt()) {
                lines.add("      may still be in " + lead.text());
            }
            if (m.stillAt().isEmpty()) {
                lines.add("      no other copy is known");
            }
        }
        for (Recovered r : recovered) {
            lines.add("  recovered " + (r.kind() == Kind.DOCUMENT ? "document " : "audit events ") + r.id() + " from "
                    + r.from().description() + (r.detail() == null ? "" : ": " + r.detail()));
        }
        for (Lead lead : unchecked) {
            lines.add("  not checked: " + lead.text());
        }
        return lines;
    }
}
