package dev.strongroom.metrics;

import dev.strongroom.audit.AuditEvent;
import dev.strongroom.audit.AuditJournal;
import dev.strongroom.audit.AuditLogAction;
import dev.strongroom.audit.JournalEntry;
import dev.strongroom.audit.JournalTail;
import dev.strongroom.audit.Outcome;
import dev.strongroom.backup.BackupAction;
import dev.strongroom.catalog.DocumentAction;
import dev.strongroom.security.SecurityAction;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * Counts failed sign-ins, integrity failures and failed backup runs from the audit journal, where
 * every one of them is recorded anyway: reading the journal (from where it stood at start, hence
 * {@code @Startup}) counts each event exactly once, whichever capability wrote it. Counts taken but not delivered are given
 * back, so a failed send loses none.
 */
@Startup
@ApplicationScoped
public class AuditTally {

    /**
     * Integrity failures: any blob repair (the local copy failed its checksum or vanished), and a
     * failed verification of the journal, of CloudWatch against it, or of the store.
     */
    static final Set<String> INTEGRITY_CHECKS = Set.of(AuditLogAction.VERIFY.action(),
            AuditLogAction.CLOUDWATCH_CHECK.action(), DocumentAction.SCRUB.action(),
            AuditLogAction.DIGEST_REFUSED.action());
    static final String REPAIR = BackupAction.DOCUMENT_REPAIR.action();

    /** Counts since the last {@link #take}. */
    public record Counts(long loginFailures, long integrityFailures, long backupFailures) {

        Counts plus(Counts other) {
            return new Counts(loginFailures + other.loginFailures, integrityFailures + other.integrityFailures,
                    backupFailures + other.backupFailures);
        }
    }

    private final AuditJournal journal;
    private JournalTail tail;
    private Counts pending = new Counts(0, 0, 0);

    public AuditTally(AuditJournal journal) {
        this.journal = journal;
    }

    @PostConstruct
    void startAtHead() {
        tail = new JournalTail(journal.segments(), journal::durableSeq);
        tail.seekAfter(journal.durableSeq());
    }

    /** Counts the events written since the last call and hands over everything not yet delivered. */
    public synchronized Counts take() {
        long logins = 0;
        long integrity = 0;
        long backups = 0;
        for (JournalEntry entry = tail.next(); entry != null; entry = tail.next()) {
            AuditEvent event = entry.event();
            if (SecurityAction.LOGIN_FAILURE.action().equals(event.action())) {
                logins++;
            } else if (REPAIR.equals(event.action())
                    || (INTEGRITY_CHECKS.contains(event.action()) && Outcome.FAILURE.is(event.outcome()))) {
                integrity++;
            } else if (BackupAction.RUN.action().equals(event.action()) && Outcome.FAILURE.is(event.outcome())) {
                backups++;
            }
        }
        Counts taken = pending.plus(new Counts(logins, integrity, backups));
        pending = new Counts(0, 0, 0);
        return taken;
    }

    /** Returns counts that could not be delivered, to go with the next {@link #take}. */
    public synchronized void giveBack(Counts counts) {
        pending = pending.plus(counts);
    }

    @PreDestroy
    void close() {
        tail.close();
    }
}
