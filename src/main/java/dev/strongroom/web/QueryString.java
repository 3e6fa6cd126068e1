package dev.strongroom.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/** Builds the query part of links that keep a page's filters (pager, exports). */
final class QueryString {

    private QueryString() {
    }

    /** {@code a=1&b=x%20y} from the non-blank values, in the map's order. */
    static String of(Map<String, String> values) {
        return values.entrySet().stream().filter(e -> e.getValue() != null && !e.getValue().isBlank())
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
