package dev.strongroom.compliance;

import dev.strongroom.http.ProblemException;
import dev.strongroom.http.ProblemType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The period a report is asked for. Each end is an instant (2026-11-01T00:00:00Z) or a UTC day
 * (2026-11-01); a day as {@code to} includes that whole day. Without {@code from} the period is the
 * last day; without {@code to} it ends now (at the next whole second, so nothing before the request is left out).
 */
public final class ReportPeriod {

    static final Duration LONGEST = Duration.ofDays(3660);

    private ReportPeriod() {
    }

    public static ComplianceReport.Period parse(String from, String to) {
        // Rounded up to the next whole second: "now" must include everything that happened before the request.
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        Instant end = blank(to) ? now : instant("to", to, true);
        Instant start = blank(from) ? end.minus(1, ChronoUnit.DAYS) : instant("from", from, false);
        if (!start.isBefore(end)) {
            throw ProblemException.badRequest(ProblemType.INVALID_PERIOD, "'from' (" + start + ") must be before 'to' (" + end + ")");
        }
        if (Duration.between(start, end).compareTo(LONGEST) > 0) {
            throw ProblemException.badRequest(ProblemType.INVALID_PERIOD, "a report covers at most " + LONGEST.toDays() + " days");
        }
        return new ComplianceReport.Period(start, end);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static Instant instant(String name, String value, boolean endOfDay) {
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(ProblemType.INVALID_PERIOD, "'" + name + "' must be a UTC day (2026-11-01) or an "
                    + "instant (2026-11-01T00:00:00Z), not '" + value + "'");
        }
    }
}
