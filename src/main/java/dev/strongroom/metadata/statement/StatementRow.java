package dev.strongroom.metadata.statement;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One valid line of a statement. Amounts are plain decimal strings, never floats.
 *
 * @param line      line number in the file (the header is line 1)
 * @param date      booking date, {@code yyyy-mm-dd}
 * @param balance   running balance after the line; absent when the file has no balance column
 * @param reference the bank's reference; absent when none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StatementRow(int line, String date, String merchant, String amount, String currency, String balance,
        String reference) {
}
