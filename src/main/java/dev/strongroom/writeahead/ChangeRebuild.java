package dev.strongroom.writeahead;

import dev.strongroom.audit.AuditEvent;
import dev.strongroom.audit.AuditJournal;
import dev.strongroom.audit.Auditor;
import dev.strongroom.audit.Outcome;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
        List<Completed> completed = new ArrayList<>();
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
                    completed.add(new Completed(intent, new TreeMap<>(event.detail())));
                }
            }
        });
        for (Completed change : completed) {
            QuarkusTransaction.requiringNew().run(() -> {
                handlers.handlerOf(change.intent().kind()).remake(change.intent(), change.completion());
                if (AppliedChange.findById(change.intent().id()) == null) {
                    AppliedChange.of(change.intent()).persist();
                }
            });
        }
        auditor.record(WriteAheadAction.REBUILD, "changes", Outcome.SUCCESS,
                Map.of("through", through, "changes", completed.size()));
        LOG.infof("Remade %d completed changes from the journal (through seq %d) in the catalog", completed.size(),
                through);
        return completed.size();
    }

    private record Completed(JournaledIntent intent, TreeMap<String, String> completion) {
    }
}
