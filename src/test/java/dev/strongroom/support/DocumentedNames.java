package dev.strongroom.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Holds an enum of names that leave the vault (audit actions, problem types) and the table in
 * {@code docs/} that explains them together: a name added in code without a row, or a row left
 * behind after its constant went, fails the build instead of misleading a reader of the docs.
 */
public final class DocumentedNames {

    /** The first cell of a table row, when it is one name in backticks. */
    private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\|");

    private DocumentedNames() {
    }

    /** The names in the first column of the table under {@code heading} (a whole heading line) in {@code doc}. */
    public static Set<String> inTable(String doc, String heading) {
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of(doc), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int start = lines.indexOf(heading);
        assertTrue(start >= 0, doc + " has no heading '" + heading + "'");
        Set<String> names = new TreeSet<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("#")) {
                break;
            }
            Matcher row = ROW.matcher(line);
            if (row.find()) {
                names.add(row.group(1));
            }
        }
        assertTrue(!names.isEmpty(), doc + " has no table of names under '" + heading + "'");
        return names;
    }

    /** The compiled classes of the project: every class file under {@code target/classes}, by name. */
    public static Stream<Class<?>> projectClasses() {
        Path root = Path.of("target", "classes");
        try (Stream<Path> files = Files.walk(root)) {
            List<String> names = files.map(root::relativize).map(Path::toString)
                    .filter(f -> f.endsWith(".class") && !f.contains("$"))
                    .map(f -> f.substring(0, f.length() - ".class".length()).replace('/', '.')).toList();
            return names.stream().map(DocumentedNames::load);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loaded without initializing: a name is all the test needs, not the class's start-up work. */
    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, DocumentedNames.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What {@code documented} lacks and what it names in vain, for one assertion message. */
    public static String difference(Set<String> inCode, Set<String> documented) {
        Set<String> undocumented = new TreeSet<>(inCode);
        undocumented.removeAll(documented);
        Set<String> stale = new TreeSet<>(documented);
        stale.removeAll(inCode);
        return (undocumented.isEmpty() ? "" : "not documented: " + undocumented + " ")
                + (stale.isEmpty() ? "" : "documented without a constant: " + stale);
    }
}
