package dev.strongroom.writeahead;

import dev.strongroom.KeyedLocks;
import dev.strongroom.audit.AuditEvent;
import dev.strongroom.audit.Auditor;
import dev.strongroom.http.ProblemException;
import dev.strongroom.http.ProblemType;
import dev.strongroom.http.Problems;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.hibernate.exception.ConstraintViolationException;
import org.jboss.logging.Logger;

/**
 * The one rule for every change of state other than an upload (which {@code UploadLedger} writes
 * ahead its own way):
 * <ol>
 * <li>under the subject's lock, {@code prepare} reads the catalog and refuses early, or says what will
 * change;</li>
 * <li>the intent is journaled (fsync) with everything needed to finish the change;</li>
 * <li>the catalog change commits, together with an {@link AppliedChange} row naming the intent;
 * {@code commit} checks again under the rows' locks (another host may have been first) and may
 * refuse with a problem;</li>
 * <li>the handler's effect runs (a blob removal comes last, after the catalog no longer refers to it);</li>
 * <li>the completion is journaled, and only then is the client answered.</li>
 * </ol>
 * A crash anywhere leaves an intent without a completion, which {@link ChangeReplay} settles at the
 * next start: finished when its {@link AppliedChange} row exists, rolled back when it does not.
 * Changes to one subject run one at a time, so its trail lists them in the order they committed.
 */
@ApplicationScoped
public class WriteAhead {

    private static final Logger LOG = Logger.getLogger(WriteAhead.class);

    private final Auditor auditor;
    private final ChangeHandlers handlers;
    private final KeyedLocks subjects = new KeyedLocks();

    public WriteAhead(Auditor auditor, ChangeHandlers handlers) {
        this.auditor = auditor;
        this.handlers = handlers;
    }

    /**
     * Makes one change by the rule above and returns what {@code commit} returned.
     *
     * @param prepare runs under the subject's lock before anything is journaled; throws a problem to
     *        refuse (auditing its own refusal)
     * @param commit runs in the catalog transaction; throws a problem to refuse, which is journaled as
     *        the change's {@link ChangeOutcome#REJECTED} completion and then thrown on
     */
    public <T> T run(String subject, Supplier<Intent> prepare, Function<JournaledIntent, T> commit) {
        try (KeyedLocks.Held held = subjects.lock(subject)) {
            Intent intent = prepare.get();
            if (!subject.equals(intent.subject())) {
                throw new IllegalArgumentException("an intent for " + intent.subject() + " under the lock of " + subject);
            }
            JournaledIntent journaled = journal(intent);
            T result = commit(journaled, commit);
            finish(journaled);
            return result;
        }
    }

    private JournaledIntent journal(Intent intent) {
        AuditEvent event = auditor.record(intent.kind(), intent.subject(), ChangeOutcome.INTENT.outcome,
                intent.facts());
        return new JournaledIntent(event.id(), event.seq(), intent.kind(), intent.subject(),
                event.detail() == null ? new TreeMap<>() : event.detail());
    }

    private <T> T commit(JournaledIntent intent, Function<JournaledIntent, T> commit) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                T result = commit.apply(intent);
                AppliedChange.of(intent).persist();
                return result;
            });
        } catch (ProblemException refused) {
            complete(intent, ChangeOutcome.REJECTED, Map.of("problem", refused.slug(), "reason", refused.getMessage()));
            throw refused;
        } catch (RuntimeException fault) {
            if (isConstraintViolation(fault)) {
                // Another host made a conflicting row first (the same user name, say): nothing committed.
                ProblemException refused = ProblemException.conflict(ProblemType.CONCURRENT_CHANGE, "Another change to "
                        + intent.subject() + " was made at the same moment and committed first; look again and retry",
                        Map.of());
                complete(intent, ChangeOutcome.REJECTED, Map.of("problem", refused.slug(), "reason",
                        refused.getMessage()));
                throw refused;
            }
            settleAfterFault(intent, fault);
            throw fault;
        }
    }

    private static boolean isConstraintViolation(Throwable fault) {
        for (Throwable t = fault; t != null; t = t.getCause()) {
            if (t instanceof SQLIntegrityConstraintViolationException || t instanceof ConstraintViolationException) {
                return true;
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (isConstraintViolation(suppressed)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * A fault at commit (the catalog went away) leaves it open whether the transaction committed; the
     * catalog's marker says, if the catalog answers. If it does not, the intent stays open and the next
     * start's replay settles it.
     */
    private void settleAfterFault(JournaledIntent intent, RuntimeException fault) {
        Boolean committed;
        try {
            committed = QuarkusTransaction.requiringNew().call(() -> AppliedChange.findById(intent.id()) != null);
        } catch (RuntimeException unreachable) {
            LOG.warnf("Change %d (%s on %s) may or may not have committed and the catalog cannot say; "
                    + "the next start settles it", intent.seq(), intent.kind().action(), intent.subject());
            return;
        }
        if (committed) {
            finish(intent);
        } else {
            complete(intent, ChangeOutcome.FAILED, Map.of("reason", Problems.clip(String.valueOf(fault.getMessage()))));
        }
    }

    private void finish(JournaledIntent intent) {
        Map<String, String> facts;
        try {
            facts = handlers.handlerOf(intent.kind()).finish(intent);
        } catch (RuntimeException e) {
            LOG.warnf(e, "Change %d (%s on %s) committed but its effect failed; the next start finishes it",
                    intent.seq(), intent.kind().action(), intent.subject());
            throw new ProblemException(503, ProblemType.CHANGE_UNFINISHED, "Change not finished", "The change was recorded and "
                    + "committed, but its effect could not be completed (" + Problems.clip(e.getMessage())
                    + "); the vault finishes it at its next start", Map.of("intentSeq", intent.seq()),
                    Map.of("Retry-After", "30"));
        }
        complete(intent, ChangeOutcome.SUCCESS, facts);
    }

    /** Journals the change's completion, naming its intent. */
    void complete(JournaledIntent intent, ChangeOutcome outcome, Map<String, String> facts) {
        Map<String, Object> detail = new LinkedHashMap<>(facts);
        detail.put("intent", intent.id());
        detail.put("intentSeq", intent.seq());
        auditor.record(intent.kind(), intent.subject(), outcome.outcome, detail);
    }
}
