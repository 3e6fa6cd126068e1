package dev.strongroom.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A stopped vault's journal, read and cut from outside as an operator or an attacker would: segments,
 * lines, and every sequence number with the hash it was written with, to prove that no number is ever
 * used for two different events across cuts, restores and gaps.
 */
final class JournalFiles {

    private static final Pattern SEQ = Pattern.compile("^\\{\"seq\":(\\d+),");
    private static final Pattern HASH = Pattern.compile(",\"hash\":\"([0-9a-f]{64})\"}$");

    private final Path dir;
    private final Map<Long, String> everSeen = new LinkedHashMap<>();

    JournalFiles(Path dataDir) {
        this.dir = dataDir.resolve("audit").resolve("journal");
    }

    List<Path> segments() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path newest() {
        List<Path> all = segments();
        return all.get(all.size() - 1);
    }

    static List<String> lines(Path segment) {
        try {
            return new ArrayList<>(Files.readAllLines(segment, StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isEmpty()).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<String> lines() {
        List<String> all = new ArrayList<>();
        segments().forEach(s -> all.addAll(lines(s)));
        return all;
    }

    static long seqOf(String line) {
        Matcher m = SEQ.matcher(line);
        if (!m.find()) {
            throw new AssertionError("not a journal line: " + line);
        }
        return Long.parseLong(m.group(1));
    }

    static String hashOf(String line) {
        Matcher m = HASH.matcher(line);
        return m.find() ? m.group(1) : null;
    }

    /** Writes the segment's lines back, each with its line feed. */
    static void write(Path segment, List<String> lines) {
        try {
            Files.writeString(segment, lines.isEmpty() ? "" : String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Records every event the journal holds now and fails when one of them holds a number that was
     * seen before with another hash: a re-used sequence number, the fork the vault must never make.
     */
    void assertNoNumberReused(String when) {
        List<String> reused = new ArrayList<>();
        for (String line : lines()) {
            long seq = seqOf(line);
            String hash = hashOf(line);
            String before = everSeen.putIfAbsent(seq, hash);
            if (before != null && !before.equals(hash)) {
                reused.add("event " + seq + " was " + before + ", now " + hash);
            }
        }
        if (!reused.isEmpty()) {
            throw new AssertionError(when + ": sequence numbers re-used: " + reused);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
