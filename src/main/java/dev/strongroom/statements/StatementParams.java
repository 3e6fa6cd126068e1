package dev.strongroom.statements;

import dev.strongroom.http.ProblemException;
import dev.strongroom.http.ProblemType;
import dev.strongroom.http.Problems;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Parses the statements API's parameters, refusing malformed ones with a 400 that names the parameter. */
public final class StatementParams {

    private StatementParams() {
    }

    static LocalDate date(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(ProblemType.INVALID_PARAMETER, "Query parameter '" + name
                    + "' must be a date such as 2026-03-14, not '" + Problems.clip(value) + "'");
        }
    }

    static BigDecimal amount(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(value.strip());
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest(ProblemType.INVALID_PARAMETER, "Query parameter '" + name
                    + "' must be a decimal such as -42.50, not '" + Problems.clip(value) + "'");
        }
    }

    public static <E extends Enum<E>> E state(String name, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(ProblemType.INVALID_PARAMETER, "Query parameter '" + name + "' must be one of "
                    + Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "))
                    + ", not '" + Problems.clip(value) + "'");
        }
    }

    public static int line(String value) {
        try {
            int line = Integer.parseInt(value.strip());
            if (line < 1) {
                throw new NumberFormatException();
            }
            return line;
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest(ProblemType.INVALID_PARAMETER, "The line must be a line number (1 or more), not '"
                    + Problems.clip(value) + "'");
        }
    }

    static StatementReports.Format format(String value) {
        return switch (value == null ? "" : value) {
            case "csv" -> StatementReports.Format.CSV;
            case "pdf" -> StatementReports.Format.PDF;
            default -> throw ProblemException.notFound("No report format '" + Problems.clip(value)
                    + "'; the report is report.csv or report.pdf");
        };
    }
}
