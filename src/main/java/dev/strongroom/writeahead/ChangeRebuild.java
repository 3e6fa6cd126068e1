package dev.strongroom.writeahead;

import dev.strongroom.audit.AuditEvent;
import dev.strongroom.audit.AuditJournal;
import dev.strongroom.audit.Auditor;
import dev.strongroom.audit.Outcome;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * Makes the catalog agree with the journal for every change written ahead: each completed change is
 * made again, in the order the changes completed, by its capability's
 * {@link ChangeHandler#remake remake}, and recorded as applied. Changes already in the catalog come
 * out as they were; a catalog that lost rows (restored from an older copy, damaged) gets them back.
 * Passwords are the exception: the journal never holds a password hash, so a user the catalog lost
 * entirely comes back with a password nobody knows, to be reset by an admin.
 */
@ApplicationScoped
public class ChangeRebuild {

    private static final Logger LOG = Logger.getLogger(ChangeRebuild.class);
    private static final int LOOKUP_BATCH = 500;

    private final AuditJournal journal;
    private final Auditor auditor;
    private final ChangeHandlers handlers;

    public ChangeRebuild(AuditJournal journal, Auditor auditor, ChangeHandlers handlers) {
        this.journal = journal;
        this.auditor = auditor;
        this.handlers = handlers;
    }

    /** Returns how many completed changes were made again. */
    public int rebuild() {
        long through = journal.head().seq();
        Map<String, JournaledIntent> intents = new HashMap<>();
        List<CompletedChange> completed = new ArrayList<>();
        journal.segments().forEachLine(1, line -> {
            AuditEvent event = ChangeReplay.parse(line);
            if (event == null || event.seq() > through) {
                return;
            }
            var registered = handlers.forAction(event.action());
            if (registered.isEmpty()) {
                return;
            }
            if (ChangeOutcome.INTENT.outcome.is(event.outcome())) {
                intents.put(event.id(), new JournaledIntent(event.id(), event.seq(), registered.get().kind(),
                        event.resource(), event.detail() == null ? new TreeMap<>() : event.detail()));
            } else if (ChangeOutcome.SUCCESS.outcome.is(event.outcome()) && event.detail() != null) {
                JournaledIntent intent = intents.remove(event.detail().get("intent"));
                if (intent != null) {
                    completed.add(new CompletedChange(intent, new TreeMap<>(event.detail())));
                }
            }
        });
        completed.forEach(this::remake);
        auditor.record(WriteAheadAction.REBUILD, "changes", Outcome.SUCCESS,
                Map.of("through", through, "changes", completed.size()));
        LOG.infof("Remade %d completed changes from the journal (through seq %d) in the catalog", completed.size(),
                through);
        return completed.size();
    }

    /**
     * For the start-up replay: finds the completed changes whose {@link AppliedChange} row the catalog
     * lacks (an embedded catalog that lost its newest commits, say at a full volume, after the
     * completions were journaled and the clients answered) and remakes, in order, every change from
     * the first of them on, so a later change the catalog kept still wins over an earlier one it lost.
     * Returns the changes that were missing.
     */
    List<CompletedChange> remakeMissing(List<CompletedChange> changes) {
        Set<String> present = new HashSet<>();
        for (int from = 0; from < changes.size(); from += LOOKUP_BATCH) {
            List<String> ids = changes.subList(from, Math.min(changes.size(), from + LOOKUP_BATCH)).stream()
                    .map(change -> change.intent().id()).toList();
            present.addAll(QuarkusTransaction.requiringNew().call(() -> AppliedChange.<AppliedChange>list(
                    "intentId in ?1", ids).stream().map(row -> row.intentId).toList()));
        }
        List<CompletedChange> missing = changes.stream().filter(change -> !present.contains(change.intent().id()))
                .toList();
        if (!missing.isEmpty()) {
            changes.subList(changes.indexOf(missing.get(0)), changes.size()).forEach(this::remake);
        }
        return missing;
    }

    private void remake(CompletedChange change) {
        QuarkusTransaction.requiringNew().run(() -> {
            handlers.handlerOf(change.intent().kind()).remake(change.intent(), change.completion());
            if (AppliedChange.findById(change.intent().id()) == null) {
                AppliedChange.of(change.intent()).persist();
            }
        });
    }
}
