package dev.strongroom.statements;

import dev.strongroom.catalog.FiledDocument;
import dev.strongroom.catalog.FiledDocuments;
import dev.strongroom.metadata.statement.StatementValidator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Makes a statement's lines follow the analysts' decisions the journal holds ({@link JournaledDecisions}), inside
 * the caller's transaction. A confirmed line gets its receipts back, as decided by whom and when the journal says;
 * a cleared line loses what backs it. A person's decision outranks the matcher: a receipt the matcher gave another
 * line goes back to the decided one, and that other line is open again. A decision the catalog can no longer
 * follow (its receipt disposed of, or confirmed for another line by a later decision) is left out and logged.
 */
class DecisionRestore {

    private static final Logger LOG = Logger.getLogger(DecisionRestore.class);

    private DecisionRestore() {
    }

    /** Returns the lines that now follow a decision they did not follow before. */
    static Set<Integer> putBack(Statement s, Map<Integer, JournaledDecisions.Decided> decided) {
        Set<Integer> changed = new HashSet<>();
        for (JournaledDecisions.Decided d : decided.values()) {
            StatementLine line = StatementLine.findById(StatementLine.idOf(s.documentId, d.lineNo()));
            if (line == null) {
                LOG.warnf("Statement %s has no line %d any more; the decision journaled as event %d is left out",
                        s.documentId, d.lineNo(), d.seq());
                continue;
            }
            Set<String> backing = new HashSet<>(StatementMatch.<StatementMatch>list("documentId = ?1 and lineNo = ?2",
                    s.documentId, d.lineNo()).stream().map(m -> m.receiptId).toList());
            boolean confirm = d.decision() == MatchDecisions.Decision.CONFIRM;
            boolean follows = confirm ? line.matchState == MatchState.CONFIRMED && backing.equals(d.receipts())
                    : line.matchState != MatchState.CONFIRMED;
            if (follows || (confirm && !available(s, line, d))) {
                continue;
            }
            StatementMatch.decide(s.documentId, d.lineNo(), d.receipts(), d.by(), d.at());
            line.matchState = confirm ? MatchState.CONFIRMED : MatchState.UNMATCHED;
            line.matchScore = confirm ? 100 : null;
            s.reportAt = null;
            changed.add(d.lineNo());
        }
        return changed;
    }

    /** The receipts are still the owner's, and none backs another line by a person's decision. */
    private static boolean available(Statement s, StatementLine line, JournaledDecisions.Decided d) {
        for (String receiptId : d.receipts()) {
            FiledDocument doc = FiledDocuments.find(receiptId).orElse(null);
            if (doc == null || !doc.owner().equals(s.owner)
                    || StatementValidator.RETENTION_CLASS.equals(doc.retentionClass())) {
                LOG.warnf("Receipt %s confirmed for line %d of statement %s (event %d) is no longer among %s's "
                        + "documents; the decision is left out", receiptId, d.lineNo(), s.documentId, d.seq(), s.owner);
                return false;
            }
            StatementMatch taken = StatementMatch.findById(receiptId);
            boolean elsewhere = taken != null && !(taken.documentId.equals(s.documentId) && taken.lineNo == line.lineNo);
            if (elsewhere && taken.state == MatchState.CONFIRMED) {
                LOG.warnf("Receipt %s confirmed for line %d of statement %s (event %d) now backs line %d of statement "
                        + "%s by a later decision; the earlier one is left out", receiptId, d.lineNo(), s.documentId,
                        d.seq(), taken.lineNo, taken.documentId);
                return false;
            }
        }
        for (String receiptId : d.receipts()) {
            StatementMatch taken = StatementMatch.findById(receiptId);
            if (taken != null && !(taken.documentId.equals(s.documentId) && taken.lineNo == line.lineNo)) {
                release(taken);
            }
        }
        return true;
    }

    /** The matcher's match of a receipt a person confirmed elsewhere: that line is open again. */
    private static void release(StatementMatch taken) {
        StatementLine other = StatementLine.findById(StatementLine.idOf(taken.documentId, taken.lineNo));
        if (other != null) {
            other.matchState = MatchState.UNMATCHED;
            other.matchScore = null;
        }
        Statement statement = Statement.findById(taken.documentId);
        if (statement != null) {
            statement.reportAt = null;
        }
        taken.delete();
        StatementMatch.flush();
    }

    /** The lines a person cleared: the first match after a restore leaves them open, as the clear did. */
    static List<Integer> cleared(Map<Integer, JournaledDecisions.Decided> decided) {
        return decided.values().stream().filter(d -> d.decision() == MatchDecisions.Decision.CLEAR)
                .map(JournaledDecisions.Decided::lineNo).toList();
    }
}
