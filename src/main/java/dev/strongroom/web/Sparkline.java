package dev.strongroom.web;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * A small line or bar chart drawn on the server as SVG, so the operations page needs no chart
 * script: {@code points} for a polyline over time, or {@code bars} for one bar per item, in a
 * {@value #WIDTH} × {@value #HEIGHT} view box. The lowest value sits on the floor unless the floor is
 * zero (a lag of 0 s is a fact worth drawing as flat).
 */
public record Sparkline(String points, List<Bar> bars, String label, int count) {

    static final int WIDTH = 160;
    static final int HEIGHT = 36;

    public record Bar(String x, String y, String width, String height, String title) {
    }

    public boolean empty() {
        return count == 0;
    }

    public boolean line() {
        return points != null;
    }

    /** One point per item at its time; {@code label} describes the whole line for screen readers. */
    static <T> Sparkline over(List<T> items, java.util.function.Function<T, Instant> time, ToDoubleFunction<T> value,
            String label) {
        if (items.isEmpty()) {
            return new Sparkline(null, List.of(), label, 0);
        }
        long first = time.apply(items.get(0)).toEpochMilli();
        long span = Math.max(1, time.apply(items.get(items.size() - 1)).toEpochMilli() - first);
        double[] scale = scale(items, value);
        String points = items.stream().map(i -> {
            double x = items.size() == 1 ? WIDTH : (time.apply(i).toEpochMilli() - first) * (double) WIDTH / span;
            return num(x) + "," + num(y(value.applyAsDouble(i), scale));
        }).collect(Collectors.joining(" "));
        return new Sparkline(items.size() == 1 ? "0," + points.split(",")[1] + " " + points : points, List.of(), label,
                items.size());
    }

    /** One bar per item, oldest on the left; {@code title} names each bar's value. */
    static <T> Sparkline bars(List<T> items, ToDoubleFunction<T> value, java.util.function.Function<T, String> title,
            String label) {
        if (items.isEmpty()) {
            return new Sparkline(null, List.of(), label, 0);
        }
        double slot = (double) WIDTH / items.size();
        double[] scale = { 0, Math.max(1e-9, items.stream().mapToDouble(value).max().orElse(1)) };
        List<Bar> bars = new java.util.ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            double top = y(value.applyAsDouble(items.get(i)), scale);
            double height = Math.max(1, HEIGHT - 1 - top);
            bars.add(new Bar(num(i * slot + 1), num(HEIGHT - 1 - height), num(Math.max(1, slot - 2)), num(height),
                    title.apply(items.get(i))));
        }
        return new Sparkline(null, bars, label, items.size());
    }

    private static <T> double[] scale(List<T> items, ToDoubleFunction<T> value) {
        double min = items.stream().mapToDouble(value).min().orElse(0);
        double max = items.stream().mapToDouble(value).max().orElse(0);
        double floor = min >= 0 && min < max * 0.5 ? 0 : min;
        return new double[] { floor, max };
    }

    /** 2 px of margin top and bottom; a flat line sits in the middle. */
    private static double y(double v, double[] scale) {
        double range = scale[1] - scale[0];
        if (range <= 0) {
            return HEIGHT / 2.0;
        }
        return 2 + (HEIGHT - 4) * (1 - (v - scale[0]) / range);
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
