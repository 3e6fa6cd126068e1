package dev.strongroom.statements;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A statement as the API shows it: its processing state, what it covers, its lines by match state, its
 * report and notification; in the detail view also its refused rows (the first 1000; {@code errorCount} has
 * them all).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StatementView(String id, String fileName, String owner, Instant uploadedAt, StatementState state,
        String lane, String format, String account, LocalDate periodFrom, LocalDate periodTo, String currencies,
        BigDecimal openingBalance, BigDecimal closingBalance, int lineCount, int errorCount, String reason,
        String duplicateOf, Instant validatedAt, Instant matchedAt, Map<String, Long> matches, Report report,
        Instant notifiedAt, List<ErrorView> errors) {

    /** Where the reconciliation report is: the API's links, and its key prefix in the bucket once uploaded. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Report(Instant generatedAt, String csv, String pdf, String bucketPrefix, String csvSha256,
            String pdfSha256) {
    }

    /** A refused row. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ErrorView(int line, String column, String reason) {
    }

    /** One page of statements. */
    public record Page(List<StatementView> items, int page, int size, long total) {
    }

    private static BigDecimal balance(BigDecimal value, Statement s) {
        return s.currencies == null || s.currencies.contains(",") ? value : Amounts.shown(value, s.currencies);
    }

    static StatementView of(Statement s, Map<String, Long> matches, List<ErrorView> errors) {
        Report report = s.reportAt == null ? null : new Report(s.reportAt, "/api/statements/" + s.documentId
                + "/report.csv", "/api/statements/" + s.documentId + "/report.pdf", s.reportKey, s.reportCsvSha256,
                s.reportPdfSha256);
        return new StatementView(s.documentId, s.fileName, s.owner, s.uploadedAt, s.state,
                s.lane == null ? null : s.lane.json(), s.format, s.account, s.periodFrom, s.periodTo,
                s.currencies == null || s.currencies.isEmpty() ? null : s.currencies, balance(s.openingBalance, s),
                balance(s.closingBalance, s),
                s.lineCount, s.errorCount, s.reason, s.duplicateOf, s.validatedAt, s.matchedAt, matches, report,
                s.notifiedAt, errors);
    }
}
