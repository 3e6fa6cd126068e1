package dev.strongroom.ingest;

import java.nio.charset.StandardCharsets;

/**
 * Makes a client's file name safe. The stored name keeps only the last path segment, drops control
 * and bidirectional-override characters, replaces characters that are reserved on common file
 * systems, and fits in 255 bytes of UTF-8 keeping the extension. The original is kept for display
 * with invisible characters written as {@code \}{@code u202E}-style escapes, so nothing hides in it.
 */
public final class FileNames {

    static final int MAX_BYTES = 255;
    static final int MAX_ORIGINAL_CHARS = 1000;
    static final String UNNAMED = "unnamed";

    private FileNames() {
    }

    public static String sanitize(String raw) {
        if (raw == null) {
            return UNNAMED;
        }
        String name = raw.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        StringBuilder clean = new StringBuilder();
        name.codePoints().forEach(cp -> {
            if (isInvisible(cp)) {
                return;
            }
            clean.appendCodePoint("<>:\"|?*".indexOf(cp) >= 0 ? '_' : cp);
        });
        String result = clean.toString().strip();
        while (result.startsWith(".")) {
            result = result.substring(1);
        }
        result = result.strip();
        if (result.isEmpty()) {
            return UNNAMED;
        }
        return fit(result);
    }

    public static String escapeOriginal(String raw) {
        if (raw == null) {
            return UNNAMED;
        }
        StringBuilder out = new StringBuilder();
        raw.codePoints().limit(MAX_ORIGINAL_CHARS).forEach(cp -> {
            if (isInvisible(cp)) {
                out.append(String.format("\\u%04X", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }

    /** Control characters and format characters, which include the bidi overrides U+202A..U+202E and U+2066..U+2069. */
    private static boolean isInvisible(int cp) {
        int type = Character.getType(cp);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.UNASSIGNED
                || type == Character.SURROGATE || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }

    private static String fit(String name) {
        if (utf8Length(name) <= MAX_BYTES) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        String ext = dot > 0 && name.length() - dot <= 16 ? name.substring(dot) : "";
        String stem = name.substring(0, name.length() - ext.length());
        int budget = MAX_BYTES - utf8Length(ext);
        StringBuilder kept = new StringBuilder();
        int used = 0;
        for (int i = 0; i < stem.length();) {
            int cp = stem.codePointAt(i);
            int bytes = utf8Length(new String(Character.toChars(cp)));
            if (used + bytes > budget) {
                break;
            }
            kept.appendCodePoint(cp);
            used += bytes;
            i += Character.charCount(cp);
        }
        return kept + ext;
    }

    private static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
