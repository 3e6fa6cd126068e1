package dev.strongroom.ingest;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.tika.detect.MagicDetector;
import org.apache.tika.mime.MimeType;
import org.apache.tika.mime.MimeTypes;

/**
 * Tika's own magic database, indexed by where a match can start, to answer one question in
 * microseconds instead of Tika's milliseconds: <em>which types' magic matches these bytes?</em>
 * Tika evaluates each of its ~1,300 clauses through a fresh stream and buffer. Here every clause is a
 * <em>trigger</em> compared in place with Tika's own semantics (offset range, mask, case, regex over
 * an ISO-8859-1 window padded with zeros), and a magic is evaluated only once a clause it cannot
 * match without (the first of an AND, any of an OR) has matched.
 * <p>
 * Tika keeps these classes package-private, so they are read by reflection. If Tika's internals ever
 * change shape, {@link #of} fails and every file takes Tika's full detection: slower, never less
 * strict ({@code TypeSnifferTest} then fails loudly).
 */
final class TikaMagicIndex {

    /** One clause at a range of offsets, with the fields of Tika's MagicDetector. */
    private static final class Trigger {
        final int begin;
        final int end;
        final int length;
        final byte[] pattern;
        final byte[] mask;
        final boolean ignoreCase;
        final Pattern regex;
        /** A literal every match of a ranged regex contains, searched for first; null when there is none. */
        final byte[] required;
        /** The magics this trigger must match for (they are evaluated when it does). */
        final List<Magic> needed = new ArrayList<>();

        Trigger(int begin, int end, int length, byte[] pattern, byte[] mask, boolean ignoreCase, Pattern regex) {
            this.begin = begin;
            this.end = end;
            this.length = length;
            this.pattern = pattern;
            this.mask = mask;
            this.ignoreCase = ignoreCase;
            this.regex = regex;
            this.required = regex != null && end > begin ? RequiredLiteral.of(regex) : null;
        }

        /** Tika's MagicDetector.detect, on the head in place. */
        boolean matches(byte[] head) {
            if (head.length < begin || (regex == null && head.length < begin + length)) {
                return false;
            }
            if (regex != null) {
                return regexMatches(head);
            }
            for (int at = begin; at <= end; at++) {
                if (matchesAt(head, at)) {
                    return true;
                }
            }
            return false;
        }

        private boolean regexMatches(byte[] head) {
            Window window = new Window(head, begin, length + end - begin);
            if (begin == end) {
                return regex.matcher(window).region(0, length).lookingAt();
            }
            if (required != null && !window.contains(required, (regex.flags() & Pattern.CASE_INSENSITIVE) != 0)) {
                return false;
            }
            // Tika tries lookingAt() at every offset of the range; one find() over the window finds any such match
            // (or more), which is all a trigger needs.
            Matcher m = regex.matcher(window);
            return m.find() && m.start() <= end - begin;
        }

        boolean matchesAt(byte[] head, int at) {
            for (int j = 0; j < length; j++) {
                int k = at + j;
                int b = (k < head.length ? head[k] : 0) & mask[j];
                if (ignoreCase) {
                    b = Character.toLowerCase(b);
                }
                if (b != pattern[j]) {
                    return false;
                }
            }
            return true;
        }

        /** Whether a match may start with byte {@code b}. */
        boolean mayStartWith(int b) {
            int v = (byte) b & mask[0];
            return (ignoreCase ? Character.toLowerCase(v) : v) == pattern[0];
        }
    }

    /** A clause tree of Tika's: a trigger, all of some, or at least {@code min} of some (OR is min 1). */
    private sealed interface Clause {
        boolean eval(byte[] head, Map<Trigger, Boolean> seen);
    }

    private record Leaf(Trigger trigger) implements Clause {
        @Override
        public boolean eval(byte[] head, Map<Trigger, Boolean> seen) {
            return seen.computeIfAbsent(trigger, t -> t.matches(head));
        }
    }

    private record All(List<Clause> clauses) implements Clause {
        @Override
        public boolean eval(byte[] head, Map<Trigger, Boolean> seen) {
            for (Clause c : clauses) {
                if (!c.eval(head, seen)) {
                    return false;
                }
            }
            return true;
        }
    }

    private record AtLeast(int min, List<Clause> clauses) implements Clause {
        @Override
        public boolean eval(byte[] head, Map<Trigger, Boolean> seen) {
            int matched = 0;
            for (Clause c : clauses) {
                if (c.eval(head, seen) && ++matched >= min) {
                    return true;
                }
            }
            return false;
        }
    }

    /** One of Tika's magics: the type it names when its clause matches, and its priority. */
    private static final class Magic {
        private final MimeType type;
        private final int priority;
        private final Clause clause;

        Magic(MimeType type, int priority, Clause clause) {
            this.type = type;
            this.priority = priority;
            this.clause = clause;
        }

        MimeType type() {
            return type;
        }

        int priority() {
            return priority;
        }

        Clause clause() {
            return clause;
        }
    }

    /** The bytes from an offset as ISO-8859-1 characters, zeros past the end: Tika's regex window. */
    private record Window(byte[] head, int from, int size) implements CharSequence {
        @Override
        public int length() {
            return size;
        }

        @Override
        public char charAt(int index) {
            int k = from + index;
            return k < head.length ? (char) (head[k] & 0xff) : '\0';
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Window(head, from + start, end - start);
        }

        boolean contains(byte[] literal, boolean ignoreCase) {
            int last = Math.min(head.length, from + size) - literal.length;
            if (ignoreCase) {
                for (int i = from; i <= last; i++) {
                    if (new String(head, i, literal.length, StandardCharsets.ISO_8859_1)
                            .equalsIgnoreCase(new String(literal, StandardCharsets.ISO_8859_1))) {
                        return true;
                    }
                }
                return false;
            }
            byte first = literal[0];
            for (int i = from; i <= last; i++) {
                if (head[i] == first && Arrays.equals(head, i, i + literal.length, literal, 0, literal.length)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String toString() {
            StringBuilder s = new StringBuilder(size);
            for (int i = 0; i < size; i++) {
                s.append(charAt(i));
            }
            return s.toString();
        }
    }

    private static final Trigger[] NONE = new Trigger[0];

    /** Triggers at offset 0 only, by the byte they may start with. */
    private final Trigger[][] atStart = new Trigger[256][];
    /** Triggers at one fixed offset above 0, by offset. */
    private final Map<Integer, List<Trigger>> atOffset = new LinkedHashMap<>();
    /** Triggers over a range of offsets, by the byte they may start with. */
    private final Trigger[][] ranged = new Trigger[256][];
    private int rangedEnd;
    /** Regexes, and patterns that may start with a zero byte (also in Tika's zero padding): tried over their range. */
    private final List<Trigger> others = new ArrayList<>();
    private final List<Trigger> all;
    private final int magics;

    private TikaMagicIndex(List<Trigger> triggers, int magics) {
        this.magics = magics;
        this.all = List.copyOf(triggers);
        List<List<Trigger>> atStart = table();
        List<List<Trigger>> ranged = table();
        for (Trigger t : triggers) {
            if (t.needed.isEmpty()) {
                continue; // only ever evaluated inside a magic that another trigger brought up
            }
            if (t.regex != null || t.mayStartWith(0)) {
                others.add(t);
            } else if (t.begin == t.end && t.begin > 0) {
                atOffset.computeIfAbsent(t.begin, k -> new ArrayList<>()).add(t);
            } else {
                for (int b = 1; b < 256; b++) {
                    if (t.mayStartWith(b)) {
                        (t.end == 0 ? atStart : ranged).get(b).add(t);
                    }
                }
                rangedEnd = Math.max(rangedEnd, t.end);
            }
        }
        for (int b = 0; b < 256; b++) {
            this.atStart[b] = atStart.get(b).isEmpty() ? NONE : atStart.get(b).toArray(NONE);
            this.ranged[b] = ranged.get(b).isEmpty() ? NONE : ranged.get(b).toArray(NONE);
        }
    }

    /** Reads Tika's magic database as loaded in {@code types}. */
    static TikaMagicIndex of(MimeTypes types) throws ReflectiveOperationException {
        List<?> tikaMagics = (List<?>) field(MimeTypes.class, "magics").get(types);
        Map<Object, Trigger> triggers = new IdentityHashMap<>();
        for (Object tikaMagic : tikaMagics) {
            Class<?> magicClass = tikaMagic.getClass();
            Method getType = magicClass.getDeclaredMethod("getType");
            getType.setAccessible(true);
            Method getPriority = magicClass.getDeclaredMethod("getPriority");
            getPriority.setAccessible(true);
            Clause clause = clause(field(magicClass, "clause").get(tikaMagic), triggers);
            Magic magic = new Magic((MimeType) getType.invoke(tikaMagic), (Integer) getPriority.invoke(tikaMagic), clause);
            for (Trigger t : necessary(clause)) {
                t.needed.add(magic);
            }
        }
        return new TikaMagicIndex(new ArrayList<>(triggers.values()), tikaMagics.size());
    }

    /**
     * The types Tika's magic evaluation finds for {@code head}: those whose magic matches, at the highest
     * priority that any matching magic has (Tika stops looking below it).
     */
    Set<MimeType> candidates(byte[] head) {
        Set<Magic> matched = new HashSet<>();
        if (head.length == 0) {
            return Set.of();
        }
        Map<Trigger, Boolean> seen = new IdentityHashMap<>();
        for (Trigger t : atStart[head[0] & 0xff]) {
            if (head.length >= t.length && t.matchesAt(head, 0)) {
                fired(t, head, seen, matched);
            }
        }
        for (Map.Entry<Integer, List<Trigger>> offset : atOffset.entrySet()) {
            int at = offset.getKey();
            if (at >= head.length) {
                continue;
            }
            for (Trigger t : offset.getValue()) {
                if (head.length >= at + t.length && t.matchesAt(head, at)) {
                    fired(t, head, seen, matched);
                }
            }
        }
        int last = Math.min(head.length - 1, rangedEnd);
        for (int p = 0; p <= last; p++) {
            for (Trigger t : ranged[head[p] & 0xff]) {
                if (p >= t.begin && p <= t.end && head.length >= t.begin + t.length && t.matchesAt(head, p)
                        && !seen.containsKey(t)) {
                    fired(t, head, seen, matched);
                }
            }
        }
        for (Trigger t : others) {
            if (!seen.containsKey(t) && t.matches(head)) {
                fired(t, head, seen, matched);
            }
        }
        int top = matched.stream().mapToInt(Magic::priority).max().orElse(0);
        Set<MimeType> types = new HashSet<>();
        for (Magic m : matched) {
            if (m.priority() == top) {
                types.add(m.type());
            }
        }
        return types;
    }

    /** A necessary trigger matched: evaluate the magics that needed it. */
    private static void fired(Trigger t, byte[] head, Map<Trigger, Boolean> seen, Set<Magic> matched) {
        seen.put(t, true);
        for (Magic m : t.needed) {
            if (!matched.contains(m) && m.clause().eval(head, seen)) {
                matched.add(m);
            }
        }
    }

    /** How many of Tika's magics the index holds; every one, or {@link #of} would have failed. */
    int magics() {
        return magics;
    }

    /** A literal trigger's bytes at the first and last offset it may start at. */
    record Literal(int first, int last, byte[] bytes) {
    }

    /** Every literal (non-regex) trigger, so that a test corpus can plant each one. */
    List<Literal> literals() {
        return all.stream().filter(t -> t.regex == null)
                .map(t -> new Literal(t.begin, t.end, Arrays.copyOf(t.pattern, t.length))).toList();
    }

    /** Triggers one of which must match for the clause to match. */
    private static List<Trigger> necessary(Clause clause) {
        if (clause instanceof Leaf leaf) {
            return List.of(leaf.trigger());
        }
        if (clause instanceof All and) {
            return necessary(and.clauses().get(0));
        }
        return ((AtLeast) clause).clauses().stream().flatMap(c -> necessary(c).stream()).toList();
    }

    private static Clause clause(Object tikaClause, Map<Object, Trigger> triggers) throws ReflectiveOperationException {
        Class<?> kind = tikaClause.getClass();
        switch (kind.getSimpleName()) {
            case "MagicMatch" -> {
                Method getDetector = kind.getDeclaredMethod("getDetector");
                getDetector.setAccessible(true);
                Object detector = getDetector.invoke(tikaClause);
                Trigger t = triggers.get(detector);
                if (t == null) {
                    t = trigger((MagicDetector) detector);
                    triggers.put(detector, t);
                }
                return new Leaf(t);
            }
            case "AndClause" -> {
                List<Clause> all = new ArrayList<>();
                for (Object c : (Object[]) field(kind, "clauses").get(tikaClause)) {
                    all.add(clause(c, triggers));
                }
                return new All(all);
            }
            case "OrClause", "MinShouldMatchClause" -> {
                List<Clause> some = new ArrayList<>();
                for (Object c : (Collection<?>) field(kind, "clauses").get(tikaClause)) {
                    some.add(clause(c, triggers));
                }
                int min = kind.getSimpleName().equals("OrClause") ? 1 : field(kind, "min").getInt(tikaClause);
                return new AtLeast(min, some);
            }
            default -> throw new NoSuchFieldException("unknown kind of Tika magic clause: " + kind.getName());
        }
    }

    private static Trigger trigger(MagicDetector detector) throws ReflectiveOperationException {
        Class<?> d = MagicDetector.class;
        byte[] pattern = (byte[]) field(d, "pattern").get(detector);
        boolean regex = field(d, "isRegex").getBoolean(detector);
        boolean ignoreCase = field(d, "isStringIgnoreCase").getBoolean(detector);
        Pattern compiled = regex ? Pattern.compile(new String(pattern, StandardCharsets.UTF_8),
                ignoreCase ? Pattern.CASE_INSENSITIVE : 0) : null;
        return new Trigger(field(d, "offsetRangeBegin").getInt(detector), field(d, "offsetRangeEnd").getInt(detector),
                field(d, "length").getInt(detector), pattern, (byte[]) field(d, "mask").get(detector), ignoreCase,
                compiled);
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        Field f = type.getDeclaredField(name);
        f.setAccessible(true);
        return f;
    }

    private static List<List<Trigger>> table() {
        List<List<Trigger>> table = new ArrayList<>(256);
        for (int i = 0; i < 256; i++) {
            table.add(new ArrayList<>());
        }
        return table;
    }

    /**
     * The longest run of plain characters a regex needs wherever it matches: outside groups, classes and
     * escapes, not made optional by a quantifier, in a regex without a top-level alternative. Null when
     * there is none of at least three characters; the regex is then tried as it is.
     */
    static final class RequiredLiteral {

        private static final String SPECIAL = "\\[](){}*+?.|^$";

        private RequiredLiteral() {
        }

        static byte[] of(Pattern regex) {
            String p = regex.pattern();
            String best = "";
            StringBuilder run = new StringBuilder();
            int depth = 0;
            for (int i = 0; i < p.length(); i++) {
                char c = p.charAt(i);
                if (depth == 0 && SPECIAL.indexOf(c) < 0) {
                    run.append(c);
                    continue;
                }
                if (c == '?' || c == '*' || c == '{') {
                    if (depth == 0 && run.length() > 0) {
                        run.setLength(run.length() - 1); // the quantifier makes the last character optional
                    }
                } else if (c == '|' && depth == 0) {
                    return null;
                }
                best = run.length() > best.length() ? run.toString() : best;
                run.setLength(0);
                switch (c) {
                    case '\\' -> i++;
                    case '[' -> i = endOfClass(p, i);
                    case '(' -> depth++;
                    case ')' -> depth--;
                    case '{' -> i = p.indexOf('}', i);
                    default -> {
                    }
                }
            }
            best = run.length() > best.length() ? run.toString() : best;
            return best.length() < 3 || best.chars().anyMatch(ch -> ch > 0xff) ? null
                    : best.getBytes(StandardCharsets.ISO_8859_1);
        }

        private static int endOfClass(String p, int open) {
            for (int i = open + 1; i < p.length(); i++) {
                char c = p.charAt(i);
                if (c == '\\') {
                    i++;
                } else if (c == ']' && i > open + 1) {
                    return i;
                }
            }
            return p.length();
        }
    }
}
