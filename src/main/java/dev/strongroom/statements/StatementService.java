package dev.strongroom.statements;

import dev.strongroom.audit.Auditor;
import dev.strongroom.audit.Outcome;
import dev.strongroom.catalog.FiledDocument;
import dev.strongroom.catalog.FiledDocuments;
import dev.strongroom.catalog.Viewer;
import dev.strongroom.http.ProblemException;
import dev.strongroom.http.ProblemType;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Finds statements and their lines for a viewer, auditing every read: analysts see their own statements,
 * auditors every one. Unknown and other people's statements look the same to an analyst (404), as documents do.
 */
@ApplicationScoped
public class StatementService {

    private final Auditor auditor;
    private final StatementMatching matching;
    private final StatementReports reports;
    private final StatementWorker worker;

    public StatementService(Auditor auditor, StatementMatching matching, StatementReports reports,
            StatementWorker worker) {
        this.auditor = auditor;
        this.matching = matching;
        this.reports = reports;
        this.worker = worker;
    }

    public StatementView.Page list(String account, StatementState state, int page, int size, Viewer viewer) {
        Parameters params = new Parameters();
        List<String> where = new ArrayList<>();
        where.add("1 = 1");
        if (!viewer.seesAll()) {
            where.add("owner = :owner");
            params.and("owner", viewer.name());
        }
        if (account != null) {
            where.add("account = :account");
            params.and("account", account);
        }
        if (state != null) {
            where.add("state = :state");
            params.and("state", state);
        }
        String query = String.join(" and ", where);
        StatementView.Page found = QuarkusTransaction.requiringNew().call(() -> {
            List<StatementView> items = Statement.<Statement>find(query + " order by uploadedAt desc", params)
                    .page(page, size).list().stream().map(s -> StatementView.of(s, counts(s.documentId), null)).toList();
            return new StatementView.Page(items, page, size, Statement.count(query, params));
        });
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("account", account);
        detail.put("state", state == null ? null : state.name());
        detail.put("page", page);
        detail.put("size", size);
        detail.put("found", found.total());
        auditor.record(StatementAction.SEARCH, "statements", Outcome.SUCCESS, detail);
        return found;
    }

    public StatementView view(String id, Viewer viewer) {
        StatementView view = QuarkusTransaction.requiringNew().call(() -> {
            Statement s = visible(id, viewer);
            List<StatementView.ErrorView> errors = StatementError.<StatementError>list("documentId = ?1 order by seq", id)
                    .stream().map(e -> new StatementView.ErrorView(e.lineNo, e.columnName, e.reason)).toList();
            return StatementView.of(s, counts(id), errors);
        });
        auditor.record(StatementAction.VIEW, StatementLoader.resource(id), Outcome.SUCCESS,
                Map.of("state", view.state().name()));
        return view;
    }

    public LineView.Page lines(LineQuery query, Viewer viewer) {
        Parameters params = new Parameters();
        List<String> where = new ArrayList<>();
        where.add("1 = 1");
        if (query.statementId() != null) {
            QuarkusTransaction.requiringNew().run(() -> visible(query.statementId(), viewer));
            where.add("l.documentId = :statement");
            params.and("statement", query.statementId());
        }
        if (!viewer.seesAll()) {
            where.add("l.documentId in (select s.documentId from Statement s where s.owner = :owner)");
            params.and("owner", viewer.name());
        }
        if (query.account() != null) {
            where.add("l.account = :account");
            params.and("account", query.account());
        }
        if (query.from() != null) {
            where.add("l.bookedOn >= :from");
            params.and("from", query.from());
        }
        if (query.to() != null) {
            where.add("l.bookedOn <= :to");
            params.and("to", query.to());
        }
        if (query.merchant() != null) {
            where.add("lower(l.merchant) like :merchant escape '\\'");
            params.and("merchant", "%" + query.merchant().toLowerCase(Locale.ROOT).replace("\\", "\\\\")
                    .replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (query.minAmount() != null) {
            where.add("l.amount >= :min");
            params.and("min", query.minAmount());
        }
        if (query.maxAmount() != null) {
            where.add("l.amount <= :max");
            params.and("max", query.maxAmount());
        }
        if (query.state() != null) {
            where.add("l.matchState = :state");
            params.and("state", query.state());
        }
        String filter = String.join(" and ", where);
        LineView.Page found = QuarkusTransaction.requiringNew().call(() -> {
            List<StatementLine> lines = StatementLine.<StatementLine>find("from StatementLine l where " + filter
                    + " order by l.bookedOn, l.documentId, l.lineNo", params).page(query.page(), query.size()).list();
            return new LineView.Page(views(lines), query.page(), query.size(),
                    StatementLine.count("from StatementLine l where " + filter, params));
        });
        Map<String, String> detail = query.describe();
        detail.put("found", Long.toString(found.total()));
        auditor.record(StatementAction.LINES, query.statementId() == null ? "statements"
                : StatementLoader.resource(query.statementId()), Outcome.SUCCESS, detail);
        return found;
    }

    public LineView line(String id, int lineNo, Viewer viewer) {
        LineView view = QuarkusTransaction.requiringNew().call(() -> {
            visible(id, viewer);
            StatementLine line = StatementLine.findById(StatementLine.idOf(id, lineNo));
            if (line == null) {
                throw ProblemException.notFound("Statement " + id + " has no line " + lineNo);
            }
            return views(List.of(line)).get(0);
        });
        auditor.record(StatementAction.LINE_VIEW, StatementLoader.resource(id), Outcome.SUCCESS,
                Map.of("line", lineNo, "matchState", view.matchState().name()));
        return view;
    }

    /** Runs the matcher again over the open lines (confirmed ones stay); only the owner may. */
    public StatementView rematch(String id, Viewer viewer) {
        Statement s = QuarkusTransaction.requiringNew().call(() -> visible(id, viewer));
        if (!s.owner.equals(viewer.name())) {
            auditor.record(StatementAction.REMATCH, StatementLoader.resource(id), Outcome.DENIED,
                    Map.of("reason", "not the owner"));
            throw new ProblemException(403, ProblemType.FORBIDDEN, "Forbidden", "Only " + s.owner
                    + ", who uploaded it, can match this statement again", Map.of(), Map.of());
        }
        if (matching.match(id, StatementAction.REMATCH).isEmpty()) {
            auditor.record(StatementAction.REMATCH, StatementLoader.resource(id), Outcome.REJECTED,
                    Map.of("state", s.state.name()));
            throw ProblemException.conflict(ProblemType.STATEMENT_NOT_LOADED, "Statement " + id + " is " + s.state
                    + ": only a statement whose lines are loaded can be matched", Map.of("state", s.state.name()));
        }
        worker.wake();
        return view(id, viewer);
    }

    /** The report file to send; audited as a download. */
    public Path report(String id, StatementReports.Format format, Viewer viewer) {
        Statement s = QuarkusTransaction.requiringNew().call(() -> visible(id, viewer));
        if (!s.state.processed()) {
            throw ProblemException.conflict(ProblemType.REPORT_NOT_READY, "Statement " + id + " is " + s.state
                    + ": its report is written once it has been processed", Map.of("state", s.state.name()));
        }
        Path file = reports.fileFor(id, format);
        auditor.record(StatementAction.REPORT_DOWNLOAD, StatementLoader.resource(id), Outcome.SUCCESS,
                Map.of("format", format.extension));
        return file;
    }

    /** The statement, if the viewer may see it; a 404 otherwise. Call inside a transaction. */
    static Statement visible(String id, Viewer viewer) {
        Statement s = id == null ? null : Statement.findById(id);
        if (s == null || !(viewer.seesAll() || s.owner.equals(viewer.name()))) {
            throw ProblemException.notFound("No statement " + id + ", or not yours");
        }
        return s;
    }

    private static Map<String, Long> counts(String id) {
        Map<String, Long> counts = new TreeMap<>();
        for (Object[] row : StatementLine.getEntityManager().createQuery("select l.matchState, count(l) from "
                + "StatementLine l where l.documentId = :id group by l.matchState", Object[].class).setParameter("id", id)
                .getResultList()) {
            counts.put(((MatchState) row[0]).name(), (Long) row[1]);
        }
        return counts;
    }

    /** Lines with their receipts and options. Call inside a transaction. */
    static List<LineView> views(List<StatementLine> lines) {
        if (lines.isEmpty()) {
            return List.of();
        }
        Set<String> statements = new java.util.HashSet<>();
        lines.forEach(l -> statements.add(l.documentId));
        Map<String, List<StatementMatch>> matches = new HashMap<>();
        for (StatementMatch m : StatementMatch.<StatementMatch>list("documentId in ?1", statements)) {
            matches.computeIfAbsent(StatementLine.idOf(m.documentId, m.lineNo), k -> new ArrayList<>()).add(m);
        }
        Map<String, List<StatementCandidate>> candidates = new HashMap<>();
        for (StatementCandidate c : StatementCandidate.<StatementCandidate>list("documentId in ?1 order by optionNo",
                statements)) {
            candidates.computeIfAbsent(StatementLine.idOf(c.documentId, c.lineNo), k -> new ArrayList<>()).add(c);
        }
        Set<String> receiptIds = new java.util.HashSet<>();
        matches.values().forEach(ms -> ms.forEach(m -> receiptIds.add(m.receiptId)));
        candidates.values().forEach(cs -> cs.forEach(c -> receiptIds.add(c.receiptId)));
        Map<String, FiledDocument> receipts = FiledDocuments.byId(receiptIds);
        List<LineView> views = new ArrayList<>();
        for (StatementLine l : lines) {
            List<LineView.ReceiptRef> backing = new ArrayList<>();
            for (StatementMatch m : matches.getOrDefault(l.id, List.of())) {
                backing.add(ref(receipts.get(m.receiptId), m.receiptId, m.score, m.decidedBy));
            }
            Map<Integer, List<StatementCandidate>> byOption = new TreeMap<>();
            for (StatementCandidate c : candidates.getOrDefault(l.id, List.of())) {
                byOption.computeIfAbsent(c.optionNo, k -> new ArrayList<>()).add(c);
            }
            List<LineView.OptionView> options = new ArrayList<>();
            byOption.forEach((option, parts) -> options.add(new LineView.OptionView(option, parts.get(0).score,
                    parts.stream().map(c -> ref(receipts.get(c.receiptId), c.receiptId, null, null)).toList())));
            views.add(new LineView(l.documentId, l.lineNo, l.account, l.bookedOn, l.merchant,
                    Amounts.shown(l.amount, l.currency), l.currency, Amounts.shown(l.balance, l.currency), l.reference, l.matchState, l.matchScore, backing, options));
        }
        return views;
    }

    private static LineView.ReceiptRef ref(FiledDocument d, String id, Integer score, String decidedBy) {
        if (d == null) {
            return new LineView.ReceiptRef(id, null, null, null, null, null, score, decidedBy);
        }
        StatementMatcher.Receipt r = ReceiptFacts.of(d).orElse(null);
        return new LineView.ReceiptRef(id, d.fileName(), r == null ? null : r.vendor(), r == null ? null : r.date(),
                r == null ? null : r.total(), r == null ? null : r.currency(), score, decidedBy);
    }
}
