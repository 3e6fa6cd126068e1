package dev.strongroom.statements;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A statement's reconciliation as it stands: every line with the receipts backing it (or offered for it,
 * or none: a missing receipt), the owner's receipts from the statement's period that back no line, and
 * for a file that was refused, why.
 */
public record ReconciliationReport(String statementId, String fileName, String owner, String account,
        LocalDate periodFrom, LocalDate periodTo, StatementState state, String reason, int lineCount, int matched,
        int confirmed, int suggested, int unmatched, List<ReportLine> lines, List<LooseReceipt> receiptsWithoutLine,
        List<ReportError> errors, Instant generatedAt) {

    /** One statement line and the receipts (id and file name) backing it or offered for it. */
    public record ReportLine(int lineNo, LocalDate date, String merchant, BigDecimal amount, String currency,
            MatchState state, Integer score, List<String> receiptIds, List<String> receiptFiles) {
    }

    /** A receipt of the owner, dated within the statement's period, that backs no line. */
    public record LooseReceipt(String id, String fileName, String vendor, LocalDate date, BigDecimal total,
            String currency) {
    }

    /** A refused row of an invalid statement. */
    public record ReportError(int lineNo, String column, String reason) {
    }
}
