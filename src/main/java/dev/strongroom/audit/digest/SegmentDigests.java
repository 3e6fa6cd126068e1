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
import java.util.Optional;

/** Hashes the journal segments that hold events in a range, each from its start up to the range's end. */
final class SegmentDigests {

    private SegmentDigests() {
    }

    /**
     * The segments holding an event in (afterSeq, cutSeq], each named by its key among {@code keys}, and
     * those of {@code signed} (segments an earlier digest signed) that this same read found changed: a
     * segment is read once, so the bytes signed are the bytes checked, even if the file changes meanwhile.
     */
    record Covered(List<AuditDigest.Segment> segments, List<AuditDigest.Segment> changed) {
    }

    static Covered covering(JournalSegments segments, HostKeys keys, long afterSeq, long cutSeq,
            List<AuditDigest.Segment> signed) {
        List<AuditDigest.Segment> covered = new ArrayList<>();
        List<AuditDigest.Segment> changed = new ArrayList<>();
        List<Path> all = segments.list();
        for (int i = 0; i < all.size(); i++) {
            long first = JournalSegments.firstSeqOf(all.get(i));
            long nextFirst = i + 1 < all.size() ? JournalSegments.firstSeqOf(all.get(i + 1)) : Long.MAX_VALUE;
            if (first <= cutSeq && nextFirst - 1 > afterSeq) {
                String name = all.get(i).getFileName().toString();
                Optional<AuditDigest.Segment> before = signed.stream().filter(s -> s.name().equals(name)).findFirst();
                Hashed hashed = hash(all.get(i), keys, cutSeq, before);
                if (!hashed.signedPrefixHolds()) {
                    changed.add(before.orElseThrow());
                }
                if (hashed.segment() != null && hashed.segment().lastSeq() > afterSeq) {
                    covered.add(hashed.segment());
                }
            }
        }
        return new Covered(covered, changed);
    }

    /** A segment's digest, and whether it still starts with the bytes an earlier digest signed (if one did). */
    private record Hashed(AuditDigest.Segment segment, boolean signedPrefixHolds) {
    }

    private static Hashed hash(Path segment, HostKeys keys, long cutSeq, Optional<AuditDigest.Segment> before) {
        MessageDigest sha256 = sha256();
        boolean prefixHolds = before.isEmpty();
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
                if (before.isPresent() && bytes == before.get().bytes()) {
                    prefixHolds = before.get().sha256().equals(HexFormat.of().formatHex(copy(sha256).digest()));
                }
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
            return new Hashed(null, prefixHolds);
        }
        String name = segment.getFileName().toString();
        return new Hashed(new AuditDigest.Segment(name, keys.journal(name), first, last, bytes,
                HexFormat.of().formatHex(sha256.digest()), firstHash, lastHash, oldest, newest), prefixHolds);
    }

    private static MessageDigest copy(MessageDigest running) {
        try {
            return (MessageDigest) running.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digests here can be copied", e);
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
