package dev.strongroom.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The journal's files: {@code <first seq, 12 digits>_<UTC hour>.jsonl} in one directory, so that
 * name order is sequence order and each file covers at most one hour.
 */
public final class JournalSegments {

    private final Path dir;

    public JournalSegments(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    public List<Path> list() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path pathFor(long firstSeq, String hour) {
        return dir.resolve(String.format("%012d_%s.jsonl", firstSeq, hour));
    }

    public static long firstSeqOf(Path segment) {
        String name = segment.getFileName().toString();
        return Long.parseLong(name.substring(0, name.indexOf('_')));
    }

    /** Feeds every line of every segment, in order, starting with the segment that may hold {@code fromSeq}. */
    public void forEachLine(long fromSeq, Consumer<String> consumer) {
        List<Path> segments = list();
        int start = 0;
        for (int i = 0; i < segments.size(); i++) {
            if (firstSeqOf(segments.get(i)) <= fromSeq) {
                start = i;
            }
        }
        for (Path segment : segments.subList(start, segments.size())) {
            try (BufferedReader reader = Files.newBufferedReader(segment, StandardCharsets.UTF_8)) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (!line.isEmpty()) {
                        consumer.accept(line);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read audit segment " + segment, e);
            }
        }
    }
}
