package dev.strongroom.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The "from" and "to" days of a filter form (date inputs send {@code yyyy-MM-dd}), as the instants
 * the services take: from the start of the first day up to the end of the last, both days included,
 * in UTC like every time the vault shows.
 */
record DayRange(Instant from, Instant to) {

    static DayRange parse(String from, String to) {
        LocalDate first = day("From", from);
        LocalDate last = day("To", to);
        if (first != null && last != null && last.isBefore(first)) {
            throw new IllegalArgumentException("The 'To' day is before the 'From' day");
        }
        return new DayRange(first == null ? null : first.atStartOfDay(ZoneOffset.UTC).toInstant(),
                last == null ? null : last.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    private static LocalDate day(String label, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + label + "' must be a day such as 2026-11-22");
        }
    }
}
