package dev.strongroom.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** {@code --key=value} arguments of the benchmark mains, and the figures they hand back to bench/. */
final class Args {

    private final Map<String, String> values = new HashMap<>();

    Args(String[] args) {
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("expected --key=value, got " + arg);
            }
            values.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
    }

    String get(String key) {
        String v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("missing --" + key + "=...");
        }
        return v;
    }

    String get(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    int integer(String key, int fallback) {
        return Integer.parseInt(get(key, Integer.toString(fallback)));
    }

    long number(String key, long fallback) {
        return Long.parseLong(get(key, Long.toString(fallback)));
    }

    Duration seconds(String key, double fallback) {
        return Duration.ofMillis(Math.round(Double.parseDouble(get(key, Double.toString(fallback))) * 1000));
    }

    /**
     * Prints a figure as {@code key=value} and appends it to {@code --out} when given; the bench
     * scripts read that file to compute ratios and write docs/performance.md.
     */
    void report(String key, double value) {
        String line = key + "=" + String.format(Locale.ROOT, "%.3f", value);
        System.out.println("  " + line);
        String out = values.get("out");
        if (out != null) {
            try {
                Files.writeString(Path.of(out), line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
