package dev.strongroom.http;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/** Parses optional query parameters, refusing malformed ones with a 400 that names the parameter. */
public final class QueryParams {

    private QueryParams() {
    }

    /** Accepts an ISO instant ({@code 2026-11-22T10:00:00Z}) or a date, read as its start in UTC. */
    public static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(ProblemType.INVALID_PARAMETER, "Query parameter '" + name
                    + "' must be an ISO-8601 instant such as 2026-11-22T10:00:00Z or a date such as 2026-11-22, not '"
                    + Problems.clip(value) + "'");
        }
    }

    /** An ISO date ({@code 2026-11-22}). */
    public static LocalDate date(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(ProblemType.INVALID_PARAMETER, "Query parameter '" + name
                    + "' must be a date such as 2026-11-22, not '" + Problems.clip(value) + "'");
        }
    }

    /** An amount with at most two decimals ({@code 1893.4}, {@code 1893.40}), zero or more. */
    public static java.math.BigDecimal amount(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            java.math.BigDecimal amount = new java.math.BigDecimal(value.strip());
            if (amount.signum() < 0 || amount.scale() > 2) {
                throw new NumberFormatException();
            }
            return amount.setScale(2);
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest(ProblemType.INVALID_PARAMETER, "Query parameter '" + name
                    + "' must be an amount such as 1893.40 (zero or more, at most two decimals), not '"
                    + Problems.clip(value) + "'");
        }
    }

    /** An ISO 4217 currency code ({@code EUR}). */
    public static String currency(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String code = value.strip().toUpperCase(java.util.Locale.ROOT);
        try {
            java.util.Currency.getInstance(code);
            return code;
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(ProblemType.INVALID_PARAMETER, "Query parameter '" + name
                    + "' must be an ISO 4217 currency code such as EUR, not '" + Problems.clip(value) + "'");
        }
    }

    public static String text(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    public static String oneOf(String name, String value, Set<String> allowed) {
        if (!allowed.contains(value)) {
            throw ProblemException.badRequest(ProblemType.INVALID_PARAMETER, "Query parameter '" + name + "' must be one of "
                    + String.join(", ", new TreeSet<>(allowed)) + ", not '" + Problems.clip(value) + "'");
        }
        return value;
    }

    /**
     * Taken as text, not {@code int}: JAX-RS answers an unconvertible query parameter with a bare 404,
     * which names neither the parameter nor the problem. The page's first row, {@code page × size},
     * must fit in an {@code int} (the catalog's row offset); a larger page would overflow into a
     * negative offset and fail as an internal error, so it is refused here.
     */
    public static int page(String raw, int size) {
        int page = whole("page", raw);
        if (page < 0) {
            throw ProblemException.badRequest(ProblemType.INVALID_PARAMETER, "Query parameter 'page' must be 0 or more");
        }
        return withinReach(page, size, message -> ProblemException.badRequest(ProblemType.INVALID_PARAMETER, message));
    }

    /**
     * The same limit for callers that report bad input their own way (the web pages show it on the
     * page): {@code page} if its first row fits in an {@code int}, else {@code refusal} of a message
     * that names the limit.
     */
    public static <E extends RuntimeException> int withinReach(int page, int size,
            Function<String, E> refusal) {
        long lastPage = Integer.MAX_VALUE / size;
        if (page > lastPage) {
            throw refusal.apply("Query parameter 'page' is too large: with pages of " + size
                    + " the last page a listing can reach is " + lastPage + ", not " + page);
        }
        return page;
    }

    public static int size(String raw, int max) {
        int size = whole("size", raw);
        if (size < 1 || size > max) {
            throw ProblemException.badRequest(ProblemType.INVALID_PARAMETER,
                    "Query parameter 'size' must be between 1 and " + max);
        }
        return size;
    }

    private static int whole(String name, String raw) {
        String digits = raw.strip();
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            if (digits.matches("-?[0-9]+")) {
                throw ProblemException.badRequest(ProblemType.INVALID_PARAMETER, "Query parameter '" + name
                        + "' is out of range: " + Problems.clip(digits));
            }
            throw ProblemException.badRequest(ProblemType.INVALID_PARAMETER, "Query parameter '" + name
                    + "' must be a whole number, not '" + Problems.clip(raw) + "'");
        }
    }
}
