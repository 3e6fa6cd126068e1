package dev.strongroom.writeahead;

import dev.strongroom.StartupOrder;
import dev.strongroom.audit.AuditEvent;
import dev.strongroom.audit.AuditJournal;
import dev.strongroom.audit.Auditor;
import dev.strongroom.audit.EventLine;
import dev.strongroom.audit.IndexedEvent;
import dev.strongroom.audit.JournalSegments;
import dev.strongroom.audit.Outcome;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * Settles, at start, every change a crash left between its intent and its completion: finished
 * (effect done, {@link ChangeOutcome#SUCCESS} completion) when the catalog holds its
 * {@link AppliedChange} row, rolled back ({@link ChangeOutcome#ROLLED_BACK}) when it does not, in
 * journal order. A change the journal holds as completed but the catalog lacks (an embedded catalog
 * can lose its newest commits at a full volume, after the clients were answered) is made again first,
 * by {@link ChangeRebuild#remakeMissing}. The replay is itself audited as a {@code change.replay}
 * event naming the journal range it settled ({@code through}); the next start reads the journal only
 * past that point.
 */
@ApplicationScoped
public class ChangeReplay {

    private static final Logger LOG = Logger.getLogger(ChangeReplay.class);

    private final AuditJournal journal;
    private final Auditor auditor;
    private final ChangeHandlers handlers;
    private final WriteAhead writeAhead;
    private final ChangeRebuild rebuild;
    private final ChangesConfig config;

    public ChangeReplay(AuditJournal journal, Auditor auditor, ChangeHandlers handlers, WriteAhead writeAhead,
            ChangeRebuild rebuild, ChangesConfig config) {
        this.journal = journal;
        this.auditor = auditor;
        this.handlers = handlers;
        this.writeAhead = writeAhead;
        this.rebuild = rebuild;
        this.config = config;
    }

    /**
     * The start-up step. Runs after the journal is open and the audit index has caught up with it, after
     * uploads were recovered, and before anything new is changed (the first admin): {@link StartupOrder}.
     * Skip this one step when the journal cannot be trusted.
     */
    void replayAtStart(@Observes @Priority(StartupOrder.CHANGE_REPLAY) StartupEvent event) {
        replay();
        if (config.rebuildAtStart()) {
            rebuild.rebuild();
        }
    }

    /** Settles every open intent in the journal past the last replay; returns what it did. */
    public Settled replay() {
        long through = journal.head().seq();
        long after = lastReplayedThrough(auditor.host());
        Map<String, AuditEvent> open = new LinkedHashMap<>();
        List<CompletedChange> completed = new ArrayList<>();
        journal.segments().forEachLine(after + 1, line -> {
            long seq = JournalSegments.seqOf(line);
            String action = EventLine.actionOf(line);
            boolean outOfRange = seq > 0 && (seq <= after || seq > through);
            if (outOfRange || action != null && handlers.forAction(action).isEmpty()) {
                return;
            }
            AuditEvent event = parse(line);
            if (event == null || event.seq() <= after || event.seq() > through || handlers.forAction(event.action()).isEmpty()) {
                return;
            }
            if (ChangeOutcome.INTENT.outcome.is(event.outcome())) {
                open.put(event.id(), event);
            } else if (event.detail() != null && event.detail().containsKey("intent")) {
                AuditEvent intent = open.remove(event.detail().get("intent"));
                if (intent != null && ChangeOutcome.SUCCESS.outcome.is(event.outcome())) {
                    completed.add(new CompletedChange(intentOf(intent), new TreeMap<>(event.detail())));
                }
            }
        });
        List<CompletedChange> lost = rebuild.remakeMissing(completed);
        for (CompletedChange change : lost) {
            JournaledIntent intent = change.intent();
            LOG.warnf("Change %d (%s on %s) had completed, but the catalog lacked it (it lost its newest commits, or was "
                    + "restored from an export without them); made again from the journal",
                    intent.seq(), intent.kind().action(), intent.subject());
        }
        int finished = 0;
        int rolledBack = 0;
        for (AuditEvent event : open.values()) {
            JournaledIntent intent = intentOf(event);
            boolean committed = QuarkusTransaction.requiringNew()
                    .call(() -> AppliedChange.findById(intent.id()) != null);
            Map<String, String> facts = new TreeMap<>();
            if (committed) {
                facts.putAll(handlers.handlerOf(intent.kind()).finish(intent));
                finished++;
            } else {
                rolledBack++;
            }
            facts.put("replayed", "true");
            writeAhead.complete(intent, committed ? ChangeOutcome.SUCCESS : ChangeOutcome.ROLLED_BACK, facts);
            LOG.warnf("Change %d (%s on %s by %s) was cut off by a stop; %s", intent.seq(), intent.kind().action(),
                    intent.subject(), event.actor(), committed ? "it had committed and is now finished"
                            : "it had not committed and is rolled back");
        }
        auditor.record(WriteAheadAction.REPLAY, "changes", Outcome.SUCCESS,
                Map.of("after", after, "through", through, "finished", finished, "rolledBack", rolledBack,
                        "remade", lost.size()));
        return new Settled(after, through, finished, rolledBack, lost.size());
    }

    /** Where this host's previous replay stopped: every intent of its chain up to there has its completion. */
    private static long lastReplayedThrough(String host) {
        IndexedEvent last = QuarkusTransaction.requiringNew().call(() -> IndexedEvent
                .<IndexedEvent>find("hostId = ?1 and action = ?2", Sort.descending("seq"), host,
                        WriteAheadAction.REPLAY.action()).firstResult());
        if (last == null) {
            return 0;
        }
        AuditEvent event = parse(last.line);
        return event == null ? 0 : Long.parseLong(event.detail().get("through"));
    }

    private JournaledIntent intentOf(AuditEvent event) {
        ChangeKind kind = handlers.forAction(event.action()).orElseThrow().kind();
        return new JournaledIntent(event.id(), event.seq(), kind, event.resource(),
                event.detail() == null ? new TreeMap<>() : event.detail());
    }

    /** The line's event, or null for a line that is not one (the chain verification reports where). */
    static AuditEvent parse(String line) {
        try {
            return EventLine.parse(line);
        } catch (IOException e) {
            LOG.warnf("An unreadable audit journal line is skipped by the change replay: %s", e.getMessage());
            return null;
        }
    }

    /**
     * What one replay did: the journal range ({@code after}, {@code through}], the intents it settled,
     * and the completed changes it found missing from the catalog and made again.
     */
    public record Settled(long after, long through, int finished, int rolledBack, int remade) {
    }
}
