package dev.strongroom.metadata.statement;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A refused row, or a problem with the whole file (then {@code column} may be absent).
 *
 * @param line   line number in the file (the header is line 1)
 * @param column the schema's name of the column at fault ({@link StatementColumn#title()}), or null
 * @param reason one sentence for people: what is wrong and what was expected
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RowError(int line, String column, String reason) {
}
