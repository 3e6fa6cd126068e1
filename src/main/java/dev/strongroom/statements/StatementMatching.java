package dev.strongroom.statements;

import dev.strongroom.audit.Auditor;
import dev.strongroom.audit.Outcome;
import dev.strongroom.catalog.FiledDocument;
import dev.strongroom.catalog.FiledDocuments;
import dev.strongroom.metadata.statement.StatementValidator;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Runs the matcher over a statement's open lines and the owner's open receipts, and records the outcome:
 * settled matches, offered candidates, unmatched lines. Lines an analyst confirmed, and receipts already
 * backing any line (of this statement or another), stay as they are. The receipts are the owner's
 * documents whose metadata has a receipt block (the sidecar's {@code receipt}: total, currency, date,
 * vendor); statements themselves are not receipts.
 */
@ApplicationScoped
public class StatementMatching {

    private static final Logger LOG = Logger.getLogger(StatementMatching.class);

    private final StatementsConfig config;
    private final Auditor auditor;
    private final JournaledDecisions journaled;

    public StatementMatching(StatementsConfig config, Auditor auditor, JournaledDecisions journaled) {
        this.config = config;
        this.auditor = auditor;
        this.journaled = journaled;
    }

    /** What one run left: lines per state, and how many lines follow an analyst's decision read from the journal. */
    private record Matched(Map<MatchState, Integer> tally, int fromJournal) {
    }

    /** Matches a LOADED or RECONCILED statement; returns how many lines ended in each state, or empty when not ready. */
    public Optional<Map<MatchState, Integer>> match(String documentId, StatementAction action) {
        long started = System.nanoTime();
        Matched matched = QuarkusTransaction.requiringNew().call(() -> {
            Statement s = Statement.findById(documentId, LockModeType.PESSIMISTIC_WRITE);
            if (s == null || (s.state != StatementState.LOADED && s.state != StatementState.RECONCILED)) {
                return null;
            }
            StatementMatch.delete("documentId = ?1 and state = ?2", documentId, MatchState.MATCHED);
            StatementCandidate.delete("documentId", documentId);
            // Freshly loaded lines carry no decisions; the journal may (a restore from S3 loads statements again).
            Map<Integer, JournaledDecisions.Decided> decided = s.state == StatementState.LOADED
                    ? journaled.of(documentId) : Map.of();
            int putBack = DecisionRestore.putBack(s, decided).size();
            List<Integer> cleared = DecisionRestore.cleared(decided);
            List<StatementLine> undecided = StatementLine.list("documentId = ?1 and matchState <> ?2 order by lineNo",
                    documentId, MatchState.CONFIRMED);
            List<StatementLine> open = undecided.stream().filter(l -> !cleared.contains(l.lineNo)).toList();
            int keptOpen = undecided.size() - open.size();
            Set<String> claimed = new HashSet<>(StatementMatch.<StatementMatch>listAll().stream()
                    .map(m -> m.receiptId).toList());
            List<StatementMatcher.Receipt> receipts = new ArrayList<>();
            for (FiledDocument d : FiledDocuments.describedOf(s.owner, StatementValidator.RETENTION_CLASS)) {
                if (!claimed.contains(d.id())) {
                    ReceiptFacts.of(d).ifPresent(receipts::add);
                }
            }
            List<StatementMatcher.Line> lines = open.stream().map(l -> new StatementMatcher.Line(l.lineNo, l.bookedOn,
                    l.merchant, l.amount, l.currency)).toList();
            StatementMatcher matcher = new StatementMatcher(new StatementMatcher.Settings(
                    config.matching().dateWindowDays(), config.matching().highConfidence(), config.matching().margin()));
            Map<Integer, StatementLine> byNo = new LinkedHashMap<>();
            open.forEach(l -> byNo.put(l.lineNo, l));
            Map<MatchState, Integer> tally = new EnumMap<>(MatchState.class);
            for (StatementMatcher.Outcome outcome : matcher.match(lines, receipts)) {
                StatementLine line = byNo.get(outcome.lineNo());
                line.matchState = outcome.state();
                line.matchScore = outcome.options().isEmpty() ? null : outcome.options().get(0).score();
                tally.merge(outcome.state(), 1, Integer::sum);
                if (outcome.state() == MatchState.MATCHED) {
                    StatementMatch m = new StatementMatch();
                    m.receiptId = outcome.options().get(0).receiptIds().get(0);
                    m.documentId = documentId;
                    m.lineNo = line.lineNo;
                    m.score = outcome.options().get(0).score();
                    m.state = MatchState.MATCHED;
                    m.persist();
                } else {
                    int option = 0;
                    for (StatementMatcher.Option o : outcome.options()) {
                        for (String receipt : o.receiptIds()) {
                            StatementCandidate c = new StatementCandidate();
                            c.id = UUID.randomUUID().toString();
                            c.documentId = documentId;
                            c.lineNo = line.lineNo;
                            c.optionNo = option;
                            c.receiptId = receipt;
                            c.score = o.score();
                            c.persist();
                        }
                        option++;
                    }
                }
            }
            if (keptOpen > 0) {
                tally.merge(MatchState.UNMATCHED, keptOpen, Integer::sum);
            }
            tally.put(MatchState.CONFIRMED, (int) StatementLine.count("documentId = ?1 and matchState = ?2", documentId,
                    MatchState.CONFIRMED));
            s.state = StatementState.RECONCILED;
            s.matchedAt = Instant.now();
            // The report shows the matches as they now stand; the worker writes it again.
            s.reportAt = null;
            return new Matched(tally, putBack + keptOpen);
        });
        if (matched == null) {
            return Optional.empty();
        }
        Map<MatchState, Integer> counts = matched.tally();
        long millis = (System.nanoTime() - started) / 1_000_000;
        Map<String, Object> detail = new LinkedHashMap<>();
        for (MatchState state : MatchState.values()) {
            detail.put(state.name().toLowerCase(java.util.Locale.ROOT), counts.getOrDefault(state, 0));
        }
        if (matched.fromJournal() > 0) {
            detail.put("fromJournal", matched.fromJournal());
            LOG.warnf("Statement %s: %d %s analysts' decisions read back from the journal (the catalog had "
                    + "lost them: a restore from S3, or lost commits)", documentId, matched.fromJournal(),
                    matched.fromJournal() == 1 ? "line follows" : "lines follow");
        }
        detail.put("millis", millis);
        auditor.record(action, StatementLoader.resource(documentId), Outcome.SUCCESS, detail);
        LOG.infof("Statement %s matched in %d ms: %s", documentId, millis, counts);
        return Optional.of(counts);
    }
}
