package dev.strongroom.audit;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The running vault's journal, read straight from its data directory, with the hash rule written
 * out again here so that the tests check the files against the documented rule, not against the
 * code that wrote them.
 */
public final class JournalOnDisk {

    private JournalOnDisk() {
    }

    static Path dir() {
        return Path.of(ConfigProvider.getConfig().getValue("strongroom.data-dir", String.class), "audit", "journal");
    }

    static List<Path> segments() {
        try (Stream<Path> files = Files.list(dir())) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every event line of every segment, oldest first. */
    static List<String> lines() {
        List<String> lines = new ArrayList<>();
        for (Path segment : segments()) {
            lines.addAll(linesOf(segment));
        }
        return lines;
    }

    static List<String> linesOf(Path segment) {
        try {
            return Files.readAllLines(segment, StandardCharsets.UTF_8).stream().filter(l -> !l.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path segmentHolding(long seq) {
        return segments().stream().filter(s -> linesOf(s).stream().anyMatch(l -> l.startsWith(prefix(seq))))
                .findFirst().orElseThrow(() -> new AssertionError("no journal line has seq " + seq));
    }

    public static String lineOf(long seq) {
        return linesOf(segmentHolding(seq)).stream().filter(l -> l.startsWith(prefix(seq))).findFirst().orElseThrow();
    }

    /** Every journal line starts with its sequence number: the field order is part of the format. */
    static String prefix(long seq) {
        return "{\"seq\":" + seq + ",";
    }

    /** SHA-256 of the line's bytes up to the final {@code ,"hash":} member, closed with a brace. */
    static String hashOf(String line) {
        int member = line.lastIndexOf(",\"hash\":\"");
        try {
            byte[] body = (line.substring(0, member) + "}").getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Rewrites one segment's text. The vault keeps appending to the file while it is altered (every
     * request writes events), so {@link Tampering#restore()} must keep those lines.
     */
    public static Tampering tamper(Path segment, UnaryOperator<String> change) throws IOException {
        awaitQuiet(segment);
        byte[] original = Files.readAllBytes(segment);
        byte[] altered = change.apply(new String(original, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        if (Arrays.equals(original, altered)) {
            throw new AssertionError("the change left " + segment + " as it was");
        }
        Files.write(segment, altered);
        return new Tampering(segment, original, altered);
    }

    /**
     * Background work (metadata extraction after a burst of uploads, scheduled checks) also appends
     * events; a rewrite racing such an append would lose it. Waits until the file has not grown for
     * two seconds, so the rewrite happens in a quiet moment.
     */
    private static void awaitQuiet(Path segment) throws IOException {
        long[] size = { Files.size(segment) };
        await("the journal stops growing for two seconds").during(Duration.ofSeconds(2)).atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(200)).until(() -> {
                    long now = Files.size(segment);
                    boolean same = now == size[0];
                    size[0] = now;
                    return same;
                });
    }

    /** One altered segment and what it held before. */
    public static final class Tampering {
        private final Path segment;
        private final byte[] original;
        private final byte[] altered;

        private Tampering(Path segment, byte[] original, byte[] altered) {
            this.segment = segment;
            this.original = original;
            this.altered = altered;
        }

        /**
         * Puts the original bytes back, followed by whatever the vault appended since the change, so
         * the chain the other test classes share stays whole.
         */
        public void restore() throws IOException {
            byte[] now = Files.readAllBytes(segment);
            boolean onlyAppended = now.length >= altered.length
                    && Arrays.equals(now, 0, altered.length, altered, 0, altered.length);
            byte[] appended = onlyAppended ? Arrays.copyOfRange(now, altered.length, now.length) : new byte[0];
            byte[] restored = Arrays.copyOf(original, original.length + appended.length);
            System.arraycopy(appended, 0, restored, original.length, appended.length);
            Files.write(segment, restored);
            if (!onlyAppended) {
                throw new IllegalStateException(segment + " changed in place while it was altered; restored the "
                        + "original bytes only, events appended meanwhile are lost");
            }
        }
    }
}
