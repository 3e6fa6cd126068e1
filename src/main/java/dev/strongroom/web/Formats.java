package dev.strongroom.web;

import io.quarkus.qute.TemplateExtension;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How pages show sizes and times: {@code {fmt:bytes(doc.size)}}, {@code {fmt:time(doc.uploadedAt)}}. */
@TemplateExtension(namespace = "fmt")
public final class Formats {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Formats() {
    }

    /** Decimal units as people read them on file managers, e.g. "5.0 MB". */
    static String bytes(long bytes) {
        if (bytes < 1000) {
            return bytes + " B";
        }
        String[] units = { "kB", "MB", "GB", "TB", "PB" };
        double value = bytes;
        int unit = -1;
        while (value >= 1000 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /** The exact count with thousands separators, e.g. "5,000,000". */
    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    static String time(Instant instant) {
        return instant == null ? "—" : TIME.format(instant);
    }

    /** An ISO timestamp string from the audit trail, shown like {@link #time(Instant)}. */
    static String time(String iso) {
        if (iso == null) {
            return "—";
        }
        try {
            return TIME.format(Instant.parse(iso));
        } catch (RuntimeException e) {
            return iso;
        }
    }

    /** An ISO-8601 period from the retention schedule in words, e.g. "P7Y" as "7 years". */
    static String period(String iso) {
        try {
            Period p = Period.parse(iso);
            StringBuilder out = new StringBuilder();
            append(out, p.getYears(), "year");
            append(out, p.getMonths(), "month");
            append(out, p.getDays(), "day");
            return out.length() == 0 ? "0 days" : out.toString();
        } catch (RuntimeException e) {
            return iso;
        }
    }

    private static void append(StringBuilder out, int amount, String unit) {
        if (amount != 0) {
            out.append(out.length() == 0 ? "" : ", ").append(amount).append(' ').append(unit).append(amount == 1 ? "" : "s");
        }
    }

    /** A state such as PENDING as people read it: "pending". */
    static String state(String value) {
        return value == null ? "—" : value.toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    static String day(Instant instant) {
        return instant == null ? "—" : DAY.format(instant);
    }
}
