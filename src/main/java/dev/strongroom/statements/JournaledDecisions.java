package dev.strongroom.statements;

import dev.strongroom.audit.AuditEvent;
import dev.strongroom.audit.Auditor;
import dev.strongroom.audit.IndexedEvent;
import dev.strongroom.audit.Outcome;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The analysts' decisions on a statement's lines as the journal holds them: per line, the newest completed
 * confirm or clear. The journal is the truth for them; the catalog's match rows are a copy, and a copy a restore
 * from S3 (whose catalog export has no statement rows) or an embedded catalog's lost commits leave without them.
 * Read inside the caller's transaction.
 */
@ApplicationScoped
public class JournaledDecisions {

    /** A line's newest decision: what was decided, the receipts confirmed (none for a clear), by whom and when. */
    public record Decided(int lineNo, MatchDecisions.Decision decision, Set<String> receipts, String by, Instant at,
            long seq) {
    }

    private final Auditor auditor;

    public JournaledDecisions(Auditor auditor) {
        this.auditor = auditor;
    }

    /** The newest decision per line of one statement, by line number. */
    public Map<Integer, Decided> of(String statementId) {
        return newest(IndexedEvent.list("hostId = ?1 and resource = ?2 and outcome = ?3 and action in ?4 order by seq",
                auditor.host(), StatementLoader.resource(statementId), Outcome.SUCCESS.value(), decisionActions()))
                .getOrDefault(statementId, Map.of());
    }

    /** The newest decision per line of every statement this host's journal holds decisions on, by statement id. */
    public Map<String, Map<Integer, Decided>> all() {
        return newest(IndexedEvent.list("hostId = ?1 and outcome = ?2 and action in ?3 order by seq", auditor.host(),
                Outcome.SUCCESS.value(), decisionActions()));
    }

    private static List<String> decisionActions() {
        return List.of(StatementAction.MATCH_INTENT.action(), StatementAction.MATCH_CONFIRM.action(),
                StatementAction.MATCH_CLEAR.action());
    }

    /** Intents and completions in journal order, from one query: each completion names its intent's seq. */
    private static Map<String, Map<Integer, Decided>> newest(List<IndexedEvent> rows) {
        Map<Long, IndexedEvent> intents = new HashMap<>();
        Map<String, Map<Integer, Decided>> found = new TreeMap<>();
        for (IndexedEvent row : rows) {
            if (StatementAction.MATCH_INTENT.action().equals(row.action)) {
                intents.put(row.seq, row);
                continue;
            }
            AuditEvent done = MatchDecisions.parse(row.line);
            IndexedEvent intentRow = intents.get(Long.valueOf(done.detail().get("intentSeq")));
            // A recovered completion is recorded by the vault itself: the decision is the intent's author's, dated
            // by the intent, as MatchDecisions dates it.
            AuditEvent intent = intentRow == null ? done : MatchDecisions.parse(intentRow.line);
            MatchDecisions.Decision decision = StatementAction.MATCH_CONFIRM.action().equals(done.action())
                    ? MatchDecisions.Decision.CONFIRM : MatchDecisions.Decision.CLEAR;
            int lineNo = Integer.parseInt(done.detail().get("line"));
            String statementId = done.resource().substring("statement/".length());
            found.computeIfAbsent(statementId, k -> new TreeMap<>()).put(lineNo, new Decided(lineNo, decision,
                    MatchDecisions.receipts(done.detail().get("receipts")), intent.actor(), Instant.parse(intent.time()),
                    row.seq));
        }
        return found;
    }
}
