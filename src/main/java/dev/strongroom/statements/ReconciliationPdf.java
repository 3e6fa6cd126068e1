package dev.strongroom.statements;

import dev.strongroom.compliance.PdfLayout;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/** The reconciliation report as a PDF for people: the verdict, the missing receipts first, then every line. */
final class ReconciliationPdf {

    private ReconciliationPdf() {
    }

    static void write(ReconciliationReport r, OutputStream out) throws IOException {
        try (PdfLayout pdf = new PdfLayout("Strongroom reconciliation " + r.statementId(),
                "Strongroom reconciliation of statement " + r.statementId() + " - " + r.generatedAt())) {
            pdf.title("Statement reconciliation");
            pdf.line("Statement " + r.statementId() + " (" + r.fileName() + "), uploaded by " + r.owner());
            if (r.account() != null) {
                pdf.line("Account " + r.account() + ", " + r.periodFrom() + " to " + r.periodTo());
            }
            pdf.line("Generated " + r.generatedAt());
            pdf.strong(r.state() + ": " + ReconciliationCsv.summary(r));
            if (!r.errors().isEmpty()) {
                pdf.heading("Refused rows");
                pdf.table(new String[] { "Line", "Column", "Reason" }, new float[] { 0.1f, 0.15f, 0.75f },
                        r.errors().stream().map(e -> new String[] { Integer.toString(e.lineNo()),
                                e.column() == null ? "" : e.column(), e.reason() }).toList());
            }
            if (r.lines().isEmpty()) {
                pdf.save(out);
                return;
            }
            pdf.heading("Missing receipts");
            List<String[]> missing = rows(r, MatchState.UNMATCHED);
            if (missing.isEmpty()) {
                pdf.line("None: every line has a receipt or receipts offered.");
            } else {
                pdf.table(LINE_HEADER, LINE_WIDTHS, missing);
            }
            pdf.heading("Awaiting a decision");
            List<String[]> offered = rows(r, MatchState.SUGGESTED);
            if (offered.isEmpty()) {
                pdf.line("None.");
            } else {
                pdf.table(LINE_HEADER, LINE_WIDTHS, offered);
            }
            pdf.heading("Receipts that match no line");
            if (r.receiptsWithoutLine().isEmpty()) {
                pdf.line("None.");
            } else {
                pdf.table(new String[] { "Receipt", "Vendor", "Date", "Total" }, new float[] { 0.4f, 0.3f, 0.15f, 0.15f },
                        r.receiptsWithoutLine().stream().map(x -> new String[] { x.fileName() + " (" + x.id() + ")",
                                x.vendor() == null ? "" : x.vendor(), x.date() == null ? "" : x.date().toString(),
                                x.total().toPlainString() + (x.currency() == null ? "" : " " + x.currency()) }).toList());
            }
            pdf.heading("Every line");
            List<String[]> all = new ArrayList<>();
            for (ReconciliationReport.ReportLine l : r.lines()) {
                all.add(cells(l));
            }
            pdf.table(LINE_HEADER, LINE_WIDTHS, all);
            pdf.save(out);
        }
    }

    private static final String[] LINE_HEADER = { "Line", "Date", "Merchant", "Amount", "State", "Receipts" };
    private static final float[] LINE_WIDTHS = { 0.07f, 0.13f, 0.28f, 0.14f, 0.13f, 0.25f };

    private static List<String[]> rows(ReconciliationReport r, MatchState state) {
        return r.lines().stream().filter(l -> l.state() == state).map(ReconciliationPdf::cells).toList();
    }

    private static String[] cells(ReconciliationReport.ReportLine l) {
        return new String[] { Integer.toString(l.lineNo()), l.date().toString(), l.merchant(),
                l.amount().toPlainString() + " " + l.currency(),
                l.state().name().toLowerCase(java.util.Locale.ROOT) + (l.score() == null ? "" : " (" + l.score() + ")"),
                String.join(", ", l.receiptFiles()) };
    }
}
