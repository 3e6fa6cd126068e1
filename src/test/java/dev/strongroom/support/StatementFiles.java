package dev.strongroom.support;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Statements and text receipts with known contents, for tests and bench/statements. */
public final class StatementFiles {

    public static final String HEADER = "account,date,merchant,amount,currency,balance,reference";

    /** One line as the bank prints it; {@code amount} is signed (money out is negative). */
    public record Line(String date, String merchant, String amount, String currency) {
    }

    private StatementFiles() {
    }

    /** A CSV statement of these lines with a running balance from {@code opening}. */
    public static byte[] csv(String account, String opening, List<Line> lines) {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        java.math.BigDecimal balance = new java.math.BigDecimal(opening);
        int n = 0;
        for (Line l : lines) {
            balance = balance.add(new java.math.BigDecimal(l.amount()));
            csv.append(account).append(',').append(l.date()).append(',').append(quoted(l.merchant())).append(',')
                    .append(l.amount()).append(',').append(l.currency()).append(',').append(balance.toPlainString())
                    .append(",REF").append(++n).append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A till receipt as plain text, laid out as the receipt reader expects a receipt to be. */
    public static byte[] textReceipt(String vendor, String isoDate, String total, String currency) {
        return (vendor + "\n12 Harbour Street\nRECEIPT\nDate: " + isoDate + "\nGoods   " + total + "\nTOTAL " + currency + " "
                + total + "\nThank you for your visit\n").getBytes(StandardCharsets.UTF_8);
    }

    private static String quoted(String value) {
        return value.contains(",") || value.contains("\"") ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }
}
