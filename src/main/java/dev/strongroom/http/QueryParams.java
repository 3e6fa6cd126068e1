package dev.strongroom.http;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.TreeSet;

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
            throw ProblemException.badRequest("invalid-parameter", "Query parameter '" + name
                    + "' must be an ISO-8601 instant such as 2026-11-22T10:00:00Z or a date such as 2026-11-22, not '"
                    + Problems.clip(value) + "'");
        }
    }

    public static String text(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    public static String oneOf(String name, String value, Set<String> allowed) {
        if (!allowed.contains(value)) {
            throw ProblemException.badRequest("invalid-parameter", "Query parameter '" + name + "' must be one of "
                    + String.join(", ", new TreeSet<>(allowed)) + ", not '" + Problems.clip(value) + "'");
        }
        return value;
    }

    /**
     * Taken as text, not {@code int}: JAX-RS answers an unconvertible query parameter with a bare 404,
     * which names neither the parameter nor the problem.
     */
    public static int page(String raw) {
        int page = whole("page", raw);
        if (page < 0) {
            throw ProblemException.badRequest("invalid-parameter", "Query parameter 'page' must be 0 or more");
        }
        return page;
    }

    public static int size(String raw, int max) {
        int size = whole("size", raw);
        if (size < 1 || size > max) {
            throw ProblemException.badRequest("invalid-parameter",
                    "Query parameter 'size' must be between 1 and " + max);
        }
        return size;
    }

    private static int whole(String name, String raw) {
        try {
            return Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("invalid-parameter", "Query parameter '" + name
                    + "' must be a whole number, not '" + Problems.clip(raw) + "'");
        }
    }
}
