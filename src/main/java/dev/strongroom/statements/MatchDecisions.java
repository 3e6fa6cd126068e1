package dev.strongroom.statements;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strongroom.StartupOrder;
import dev.strongroom.audit.AuditEvent;
import dev.strongroom.audit.Auditor;
import dev.strongroom.audit.EventLine;
import dev.strongroom.audit.IndexedEvent;
import dev.strongroom.audit.Outcome;
import dev.strongroom.catalog.CatalogKind;
import dev.strongroom.catalog.DocumentAction;
import dev.strongroom.catalog.FiledDocument;
import dev.strongroom.catalog.FiledDocuments;
import dev.strongroom.catalog.Viewer;
import dev.strongroom.http.ProblemException;
import dev.strongroom.http.ProblemType;
import dev.strongroom.metadata.statement.StatementValidator;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * An analyst's decision about a line: confirm the receipt(s) backing it (one, or several when the line is
 * split across receipts; this is also how a match is changed), or clear what backs it. Written ahead in the
 * audit journal: the intent (line, receipts before and after) is journaled and fsynced, then the catalog
 * commits, then the completion is journaled; a stop between the two leaves an intent without completion,
 * which the next start finishes ({@link #finishAtStart}). Kept small and self-contained on purpose, like
 * catalog.DocumentEditor, to move onto the vault's shared write-ahead mechanism (the {@code writeahead}
 * package) once it is merged.
 * <p>
 * Only the statement's owner decides. A receipt backs at most one line: one that backs another line is
 * refused (409, naming the line), and the catalog's key on the receipt holds that even against a race.
 */
@ApplicationScoped
public class MatchDecisions {

    private static final Logger LOG = Logger.getLogger(MatchDecisions.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int MAX_RECEIPTS = 10;

    /** What the analyst decided. */
    public enum Decision {
        CONFIRM(StatementAction.MATCH_CONFIRM), CLEAR(StatementAction.MATCH_CLEAR);

        final StatementAction completion;

        Decision(StatementAction completion) {
            this.completion = completion;
        }
    }

    private final Auditor auditor;
    private final StatementWorker worker;
    private final JournaledDecisions journaled;
    private final boolean embeddedCatalog;

    public MatchDecisions(Auditor auditor, StatementWorker worker, JournaledDecisions journaled,
            CatalogKind catalogKind) {
        this.auditor = auditor;
        this.worker = worker;
        this.journaled = journaled;
        this.embeddedCatalog = catalogKind.embedded();
    }

    public LineView confirm(String id, int lineNo, List<String> receiptIds, Viewer viewer) {
        Set<String> receipts = new LinkedHashSet<>(receiptIds == null ? List.of() : receiptIds);
        if (receipts.isEmpty() || receipts.size() > MAX_RECEIPTS || receipts.stream().anyMatch(Objects::isNull)) {
            throw ProblemException.badRequest(ProblemType.INVALID_RECEIPTS, "Name 1 to " + MAX_RECEIPTS
                    + " receipts (document ids) that back the line");
        }
        return decide(id, lineNo, Decision.CONFIRM, receipts, viewer);
    }

    public LineView clear(String id, int lineNo, Viewer viewer) {
        return decide(id, lineNo, Decision.CLEAR, Set.of(), viewer);
    }

    private LineView decide(String id, int lineNo, Decision decision, Set<String> receipts, Viewer viewer) {
        String resource = StatementLoader.resource(id);
        List<String> before = QuarkusTransaction.requiringNew().call(() -> {
            Statement s = StatementService.visible(id, viewer);
            if (!s.owner.equals(viewer.name())) {
                auditor.record(decision.completion, resource, Outcome.DENIED,
                        Map.of("line", lineNo, "reason", "not the owner"));
                throw new ProblemException(403, ProblemType.FORBIDDEN, "Forbidden", "Only " + s.owner
                        + ", who uploaded it, can decide which receipts back this statement's lines", Map.of(), Map.of());
            }
            if (s.state != StatementState.RECONCILED) {
                throw ProblemException.conflict(ProblemType.STATEMENT_NOT_MATCHED, "Statement " + id + " is " + s.state
                        + ": its lines can be decided once it has been loaded and matched", Map.of("state", s.state.name()));
            }
            StatementLine line = StatementLine.findById(StatementLine.idOf(id, lineNo));
            if (line == null) {
                throw ProblemException.notFound("Statement " + id + " has no line " + lineNo);
            }
            check(s, line, receipts);
            return StatementMatch.<StatementMatch>list("documentId = ?1 and lineNo = ?2", id, lineNo).stream()
                    .map(m -> m.receiptId).sorted().toList();
        });
        Map<String, Object> intent = new LinkedHashMap<>();
        intent.put("line", lineNo);
        intent.put("decision", decision.name());
        intent.put("before", json(before));
        intent.put("receipts", json(receipts));
        AuditEvent written = auditor.record(StatementAction.MATCH_INTENT, resource, Outcome.SUCCESS, intent);
        return complete(written.seq(), id, lineNo, decision, receipts, viewer.name(), Instant.parse(written.time()),
                false);
    }

    /** The receipts must be the owner's documents, not statements, in the line's currency, backing no other line. */
    private static void check(Statement s, StatementLine line, Set<String> receipts) {
        for (String receiptId : receipts) {
            FiledDocument d = FiledDocuments.find(receiptId).orElse(null);
            if (d == null || !d.owner().equals(s.owner) || StatementValidator.RETENTION_CLASS.equals(d.retentionClass())) {
                throw ProblemException.notFound("No receipt " + receiptId + " among " + s.owner + "'s documents");
            }
            String currency = ReceiptFacts.of(d).map(StatementMatcher.Receipt::currency).orElse(null);
            if (currency != null && !currency.equals(line.currency)) {
                throw ProblemException.conflict(ProblemType.CURRENCY_MISMATCH, "Receipt " + receiptId + " is in " + currency
                        + ", line " + line.lineNo + " in " + line.currency, Map.of("receipt", receiptId));
            }
            StatementMatch taken = StatementMatch.findById(receiptId);
            if (taken != null && !(taken.documentId.equals(line.documentId) && taken.lineNo == line.lineNo)) {
                throw ProblemException.conflict(ProblemType.RECEIPT_TAKEN, "Receipt " + receiptId + " already backs line "
                        + taken.lineNo + " of statement " + taken.documentId + "; a receipt backs one line",
                        Map.of("receipt", receiptId, "statement", taken.documentId, "line", taken.lineNo));
            }
        }
    }

    /** A decision is dated by its intent: the journal keeps that time, so a restore dates it the same. */
    private LineView complete(long intentSeq, String id, int lineNo, Decision decision, Set<String> receipts,
            String decidedBy, Instant decidedAt, boolean recovered) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("intentSeq", intentSeq);
        detail.put("line", lineNo);
        detail.put("receipts", json(receipts));
        if (recovered) {
            detail.put("recovered", true);
        }
        LineView done;
        try {
            done = QuarkusTransaction.requiringNew().call(() -> {
                Statement s = Statement.findById(id);
                StatementLine line = StatementLine.findById(StatementLine.idOf(id, lineNo));
                if (s == null || line == null) {
                    throw ProblemException.notFound("Statement " + id + " has no line " + lineNo);
                }
                check(s, line, receipts);
                StatementMatch.decide(id, lineNo, receipts, decidedBy, decidedAt);
                line.matchState = decision == Decision.CONFIRM ? MatchState.CONFIRMED : MatchState.UNMATCHED;
                line.matchScore = decision == Decision.CONFIRM ? 100 : null;
                s.reportAt = null;
                return StatementService.views(List.of(line)).get(0);
            });
        } catch (ProblemException refused) {
            detail.put("reason", refused.getMessage());
            auditor.record(decision.completion, StatementLoader.resource(id), Outcome.REJECTED, detail);
            throw refused;
        }
        auditor.record(decision.completion, StatementLoader.resource(id), Outcome.SUCCESS, detail);
        // The report shows the decision once the worker has written it again.
        worker.wake();
        return done;
    }

    /**
     * Finishes every decision whose intent the journal holds without a completion (a stop in between); on the
     * embedded catalog, then puts back completed ones its lost commits took.
     */
    void finishAtStart(@Observes @Priority(StartupOrder.MATCH_DECISIONS) StartupEvent event) {
        List<IndexedEvent> intents = QuarkusTransaction.requiringNew().call(() -> IndexedEvent.<IndexedEvent>list(
                "hostId = ?2 and action = ?1 order by seq", StatementAction.MATCH_INTENT.action(), auditor.host()));
        if (intents.isEmpty()) {
            return;
        }
        finishOpenIntents(intents);
        if (embeddedCatalog) {
            putBackLostDecisions();
        }
    }

    private void finishOpenIntents(List<IndexedEvent> intents) {
        Set<Long> completed = QuarkusTransaction.requiringNew().call(() -> IndexedEvent.<IndexedEvent>list(
                "hostId = ?2 and action in ?1", List.of(StatementAction.MATCH_CONFIRM.action(),
                        StatementAction.MATCH_CLEAR.action()), auditor.host()))
                .stream().map(row -> parse(row.line).detail().get("intentSeq")).filter(Objects::nonNull)
                .map(Long::valueOf).collect(Collectors.toCollection(HashSet::new));
        for (IndexedEvent row : intents) {
            if (completed.contains(row.seq)) {
                continue;
            }
            AuditEvent intent = parse(row.line);
            String id = intent.resource().substring("statement/".length());
            int lineNo = Integer.parseInt(intent.detail().get("line"));
            try {
                complete(row.seq, id, lineNo, Decision.valueOf(intent.detail().get("decision")),
                        receipts(intent.detail().get("receipts")), intent.actor(), Instant.parse(intent.time()),
                        true);
                LOG.warnf("Finished the decision on line %d of statement %s journaled as event %d before the last stop",
                        lineNo, id, row.seq);
            } catch (ProblemException refused) {
                LOG.warnf("Decision on line %d of statement %s (event %d) not finished: %s", lineNo, id, row.seq,
                        refused.getMessage());
            }
        }
    }

    /**
     * An embedded catalog can lose its newest commits at a full volume after the completion was journaled and the
     * analyst answered: each matched statement's lines are made to follow their newest journaled decision again.
     * Only there, as for edits (catalog.DocumentEditor): on a shared PostgreSQL catalog, which does not lose
     * commits, another host's later decision must not be overwritten by this host's earlier one.
     */
    private void putBackLostDecisions() {
        Map<String, Map<Integer, JournaledDecisions.Decided>> all = QuarkusTransaction.requiringNew()
                .call(journaled::all);
        for (Map.Entry<String, Map<Integer, JournaledDecisions.Decided>> e : all.entrySet()) {
            String id = e.getKey();
            Set<Integer> changed = QuarkusTransaction.requiringNew().call(() -> {
                Statement s = Statement.findById(id, LockModeType.PESSIMISTIC_WRITE);
                // One not matched yet follows the journal at its match (StatementMatching).
                return s == null || s.state != StatementState.RECONCILED ? Set.<Integer>of()
                        : DecisionRestore.putBack(s, e.getValue());
            });
            if (!changed.isEmpty()) {
                long fromSeq = changed.stream().mapToLong(line -> e.getValue().get(line).seq()).max().orElseThrow();
                auditor.record(DocumentAction.RECOVER, StatementLoader.resource(id), Outcome.SUCCESS, Map.of(
                        "lines", changed.stream().sorted().map(String::valueOf).collect(Collectors.joining(",")),
                        "fromSeq", fromSeq));
                LOG.warnf("Statement %s had lost analysts' decisions on lines %s from the catalog; put back from the "
                        + "journal", id, changed);
                worker.wake();
            }
        }
    }

    static AuditEvent parse(String line) {
        try {
            return EventLine.parse(line);
        } catch (Exception e) {
            throw new IllegalStateException("indexed statement decision event is unreadable", e);
        }
    }

    private static String json(java.util.Collection<String> ids) {
        try {
            return JSON.writeValueAsString(ids);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Set<String> receipts(String json) {
        try {
            return new LinkedHashSet<>(Arrays.asList(JSON.readValue(json, String[].class)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("receipts in a statement decision event are unreadable", e);
        }
    }
}
