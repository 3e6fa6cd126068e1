package dev.strongroom.audit.digest;

import dev.strongroom.audit.AuditEvent;
import dev.strongroom.audit.EventLine;
import dev.strongroom.audit.JournalSegments;
import dev.strongroom.storage.HostKeys;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Hashes the journal segments that hold events in a range, each from its start up to the range's end. */
final class SegmentDigests {

    private SegmentDigests() {
    }

    /** The segments holding an event in (afterSeq, cutSeq], each named by its key among {@code keys}. */
    static List<AuditDigest.Segment> covering(JournalSegments segments, HostKeys keys, long afterSeq, long cutSeq) {
        List<AuditDigest.Segment> covered = new ArrayList<>();
        List<Path> all = segments.list();
        for (int i = 0; i < all.size(); i++) {
            long first = JournalSegments.firstSeqOf(all.get(i));
            long nextFirst = i + 1 < all.size() ? JournalSegments.firstSeqOf(all.get(i + 1)) : Long.MAX_VALUE;
            if (first <= cutSeq && nextFirst - 1 > afterSeq) {
                AuditDigest.Segment segment = hash(all.get(i), keys, cutSeq);
                if (segment != null && segment.lastSeq() > afterSeq) {
                    covered.add(segment);
                }
            }
        }
        return covered;
    }

    private static AuditDigest.Segment hash(Path segment, HostKeys keys, long cutSeq) {
        MessageDigest sha256 = sha256();
        long bytes = 0;
        long first = -1;
        long last = -1;
        String firstHash = null;
        String lastHash = null;
        String oldest = null;
        String newest = null;
        try (BufferedReader reader = Files.newBufferedReader(segment, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isEmpty()) {
                    continue;
                }
                AuditEvent event = EventLine.parse(line);
                if (event.seq() > cutSeq) {
                    break;
                }
                byte[] utf8 = (line + "\n").getBytes(StandardCharsets.UTF_8);
                sha256.update(utf8);
                bytes += utf8.length;
                if (first < 0) {
                    first = event.seq();
                    firstHash = event.hash();
                    oldest = event.time();
                }
                last = event.seq();
                lastHash = event.hash();
                newest = event.time();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read audit segment " + segment, e);
        }
        if (first < 0) {
            return null;
        }
        String name = segment.getFileName().toString();
        return new AuditDigest.Segment(name, keys.journal(name), first, last, bytes,
                HexFormat.of().formatHex(sha256.digest()), firstHash, lastHash, oldest, newest);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
