package dev.strongroom.statements;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A statement line with the receipts backing it ({@code receipts}: matched or confirmed) and, while it is
 * open, the options offered for it ({@code options}, best first; an option of a split has several receipts).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LineView(String statementId, int line, String account, LocalDate date, String merchant,
        BigDecimal amount, String currency, BigDecimal balance, String reference, MatchState matchState,
        Integer score, List<ReceiptRef> receipts, List<OptionView> options) {

    /** A receipt as the line shows it: the document and what its metadata says. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ReceiptRef(String id, String fileName, String vendor, LocalDate date, BigDecimal total,
            String currency, Integer score, String decidedBy) {
    }

    /** One way to back the line: one receipt, or several that add up to its amount. */
    public record OptionView(int option, int score, List<ReceiptRef> receipts) {
    }

    /** One page of lines. */
    public record Page(List<LineView> items, int page, int size, long total) {
    }
}
