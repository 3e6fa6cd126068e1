package dev.strongroom.statements;

import java.io.IOException;
import java.io.Writer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The reconciliation report as CSV for machines: one row per statement line ({@code section} {@code line}),
 * per receipt that backs no line ({@code receipt-without-line}) and per refused row ({@code error}), under one
 * header. The statement's own facts are the first row ({@code statement}).
 */
final class ReconciliationCsv {

    static final String[] HEADER = { "section", "line", "date", "merchant_or_vendor", "amount", "currency", "state",
            "score", "receipt_ids", "receipt_files", "note" };

    private ReconciliationCsv() {
    }

    static void write(ReconciliationReport r, Writer out) throws IOException {
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(HEADER).get())) {
            csv.printRecord("statement", "", r.periodFrom() == null ? "" : r.periodFrom() + ".." + r.periodTo(),
                    r.account() == null ? "" : r.account(), "", "", r.state(), "", r.statementId(), r.fileName(),
                    summary(r));
            for (ReconciliationReport.ReportLine l : r.lines()) {
                csv.printRecord("line", l.lineNo(), l.date(), l.merchant(), l.amount().toPlainString(), l.currency(),
                        l.state(), l.score() == null ? "" : l.score(), String.join(" ", l.receiptIds()),
                        String.join(" | ", l.receiptFiles()), note(l));
            }
            for (ReconciliationReport.LooseReceipt x : r.receiptsWithoutLine()) {
                csv.printRecord("receipt-without-line", "", x.date() == null ? "" : x.date(),
                        x.vendor() == null ? "" : x.vendor(), x.total().toPlainString(),
                        x.currency() == null ? "" : x.currency(), "", "", x.id(), x.fileName(), "matches no line");
            }
            for (ReconciliationReport.ReportError e : r.errors()) {
                csv.printRecord("error", e.lineNo(), "", "", "", "", "", "", "", "",
                        (e.column() == null ? "" : e.column() + ": ") + e.reason());
            }
        }
    }

    static String summary(ReconciliationReport r) {
        if (r.state() == StatementState.INVALID || r.state() == StatementState.DUPLICATE) {
            return r.reason() == null ? "" : r.reason();
        }
        return r.lineCount() + " lines: " + r.matched() + " matched, " + r.confirmed() + " confirmed, " + r.suggested()
                + " awaiting a decision, " + r.unmatched() + " missing a receipt; " + r.receiptsWithoutLine().size()
                + " receipts match no line";
    }

    static String note(ReconciliationReport.ReportLine l) {
        return switch (l.state()) {
            case UNMATCHED -> "missing receipt";
            case SUGGESTED -> "receipts offered, awaiting a decision";
            case MATCHED -> "matched";
            case CONFIRMED -> "confirmed by the analyst";
        };
    }
}
