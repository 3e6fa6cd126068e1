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

    /** Decimal units as people read them on file managers, e.g. "5.0 MB". Takes any number: ints and longs alike. */
    static String bytes(Number amount) {
        if (amount == null) {
            return "—";
        }
        long bytes = amount.longValue();
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

    /**
     * The exact count with thousands separators, e.g. "5,000,000". Takes any number: a template that
     * passed an int to a long parameter got Qute's NOT_FOUND in the page.
     */
    static String count(Number value) {
        return value == null ? "—" : String.format(Locale.ROOT, "%,d", value.longValue());
    }

    /** A duration in seconds as people say it: "45 s", "12 min", "3 h 5 min", "2 days 4 h". */
    static String seconds(Number value) {
        if (value == null) {
            return "—";
        }
        long s = Math.max(0, value.longValue());
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            long m = s / 60;
            long rest = s % 60;
            return m + " min" + (rest == 0 || m >= 10 ? "" : " " + rest + " s");
        }
        if (s < 86_400) {
            long h = s / 3600;
            long m = s % 3600 / 60;
            return h + " h" + (m == 0 ? "" : " " + m + " min");
        }
        long d = s / 86_400;
        long h = s % 86_400 / 3600;
        return d + (d == 1 ? " day" : " days") + (h == 0 ? "" : " " + h + " h");
    }

    /** A duration in milliseconds, e.g. "850 ms", "1.2 s", then as {@link #seconds}. */
    static String millis(Number value) {
        if (value == null) {
            return "—";
        }
        long ms = value.longValue();
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 10_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        return seconds(ms / 1000);
    }

    /** How long ago, e.g. "5 min ago"; "—" for none. */
    static String ago(Instant instant) {
        if (instant == null) {
            return "—";
        }
        long s = java.time.Duration.between(instant, Instant.now()).toSeconds();
        return s < 5 ? "just now" : seconds(s) + " ago";
    }

    /**
     * A health check's or status's value by its key's unit: "freeBytes" as bytes, "lagSeconds" as a
     * duration, an ISO instant as a time; anything else as it is.
     */
    static String value(String key, String raw) {
        if (raw == null) {
            return "—";
        }
        String k = key.toLowerCase(Locale.ROOT);
        try {
            if (k.endsWith("bytes")) {
                return bytes(Long.parseLong(raw)) + " (" + count(Long.parseLong(raw)) + " bytes)";
            }
            if (k.endsWith("seconds")) {
                return seconds(Long.parseLong(raw));
            }
            if (k.endsWith("ms") || k.endsWith("millis")) {
                return millis(Long.parseLong(raw));
            }
        } catch (NumberFormatException notANumber) {
            return raw;
        }
        if (raw.length() >= 20 && raw.charAt(4) == '-' && raw.charAt(10) == 'T') {
            return time(raw);
        }
        return raw;
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

    /** A value for a link's query, percent-encoded: {@code href="/documents?tag={fmt:url(tag)}"}. */
    static String url(String value) {
        return value == null ? "" : QueryString.encode(value);
    }

    static String day(Instant instant) {
        return instant == null ? "—" : DAY.format(instant);
    }
}
