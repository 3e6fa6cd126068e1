package dev.strongroom.metadata.statement;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * What the validation of one statement file found, as JSON next to its metadata sidecar
 * ({@code metadata/documents/<id>.statement.json}); docs/statements.md is the reference. Version 1.
 *
 * @param sha256         SHA-256 of the bytes validated, hex: the vault's checksum ledger runs through here too
 * @param status         valid: {@code lines} holds every line; invalid: {@code lines} is empty and
 *                       {@code errors} says why, and nothing of the file is loaded
 * @param account        the one account every line names (absent when the file has no readable line)
 * @param periodFrom     earliest booking date, {@code yyyy-mm-dd}
 * @param periodTo       latest booking date
 * @param currencies     the currencies of the amounts, sorted
 * @param openingBalance the balance before the first line, when the file has a balance column
 * @param closingBalance the balance after the last line, idem
 * @param lineCount      lines read (valid or not)
 * @param errorCount     every error found; {@code errors} lists the first {@link StatementValidator#MAX_LISTED_ERRORS}
 * @param validatedAt    UTC instant of the validation
 * @param millis         its wall time
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "schemaVersion", "sha256", "size", "format", "status", "account", "periodFrom", "periodTo",
        "currencies", "openingBalance", "closingBalance", "lineCount", "errorCount", "errors", "lines", "validatedAt",
        "millis" })
public record StatementSidecar(int schemaVersion, String sha256, long size, StatementFormat format, Validity status,
        String account, String periodFrom, String periodTo, List<String> currencies, String openingBalance,
        String closingBalance, int lineCount, int errorCount, List<RowError> errors, List<StatementRow> lines,
        String validatedAt, long millis) {

    public static final int SCHEMA_VERSION = 1;

    public boolean valid() {
        return status == Validity.VALID;
    }
}
