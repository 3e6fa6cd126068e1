package dev.strongroom.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The journal's files: {@code <first seq, 12 digits>_<UTC hour>.jsonl} in one directory, so that
 * name order is sequence order and each file covers at most one hour.
 */
public final class JournalSegments {

    private static final Pattern SEQ = Pattern.compile("^\\{\"seq\":(\\d+),");
    private static final int TAIL_READ = 64 * 1024;

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

    /** The sequence number a line starts with, or -1 when it does not start like an event. */
    public static long seqOf(String line) {
        Matcher m = SEQ.matcher(line);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    /**
     * Feeds the lines of every segment in order, from a line before the first numbered {@code fromSeq} or
     * above: the segment that may hold {@code fromSeq} is entered where {@link SegmentSeek} places it, so
     * some of its earlier lines may be fed too, but not the whole hour before.
     */
    public void forEachLine(long fromSeq, Consumer<String> consumer) {
        List<Path> segments = list();
        int start = 0;
        for (int i = 0; i < segments.size(); i++) {
            if (firstSeqOf(segments.get(i)) <= fromSeq) {
                start = i;
            }
        }
        for (int i = start; i < segments.size(); i++) {
            Path segment = segments.get(i);
            long from = i == start && firstSeqOf(segment) < fromSeq ? fromSeq : 0;
            read(segment, from, line -> {
                consumer.accept(line);
                return true;
            });
        }
    }

    /** The journal line of event {@code seq}, if a segment holds it. */
    public Optional<String> lineAt(long seq) {
        Path holder = null;
        for (Path segment : list()) {
            if (firstSeqOf(segment) <= seq) {
                holder = segment;
            }
        }
        if (holder == null) {
            return Optional.empty();
        }
        String[] found = { null };
        read(holder, seq, line -> {
            long at = seqOf(line);
            if (at == seq) {
                found[0] = line;
            }
            return at < seq;
        });
        return Optional.ofNullable(found[0]);
    }

    /** Feeds a segment's non-empty lines from a line before the first numbered {@code seekSeq} (0: its start). */
    private static void read(Path segment, long seekSeq, Predicate<String> goOn) {
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.READ)) {
            if (seekSeq > 0) {
                channel.position(SegmentSeek.lineStartBefore(channel, seekSeq));
            }
            BufferedReader reader = new BufferedReader(Channels.newReader(channel, StandardCharsets.UTF_8), 64 * 1024);
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isEmpty() && !goOn.test(line)) {
                    return;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read audit segment " + segment, e);
        }
    }

    /** The last line of a segment that ends in a line feed (without it), or null when it has none. */
    public static String lastCompleteLine(Path segment) {
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "r")) {
            long lineEnd = lastLineFeed(file, file.length());
            while (lineEnd >= 0) {
                long start = lastLineFeed(file, lineEnd) + 1;
                if (start < lineEnd) {
                    return read(file, start, lineEnd);
                }
                lineEnd = start - 1;
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read audit segment " + segment, e);
        }
    }

    /** The position of the last line feed before {@code before}, or -1 when there is none. */
    static long lastLineFeed(RandomAccessFile file, long before) throws IOException {
        long at = before;
        while (at > 0) {
            long from = Math.max(0, at - TAIL_READ);
            byte[] chunk = new byte[(int) (at - from)];
            file.seek(from);
            file.readFully(chunk);
            for (int i = chunk.length - 1; i >= 0; i--) {
                if (chunk[i] == '\n') {
                    return from + i;
                }
            }
            at = from;
        }
        return -1;
    }

    private static String read(RandomAccessFile file, long from, long to) throws IOException {
        byte[] bytes = new byte[(int) (to - from)];
        file.seek(from);
        file.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
