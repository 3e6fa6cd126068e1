package dev.strongroom.audit;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * Cuts what cannot be an acknowledged event off the end of the journal before it opens: bytes after
 * the last line feed (a line a crash or a full volume left half-written; its fsync never returned)
 * and complete lines at the very end that are no readable event (such as a torn line another line
 * was once appended onto). The cut bytes are kept in {@code audit/cut/} and described by a
 * {@link Cut}, which the journal records as an {@code audit.journal.tail-cut} event, so nothing is
 * dropped silently. Whether the cut took away an event someone relies on is for the anchors to say:
 * an index, digest or CloudWatch copy of it makes the journal shorter than that anchor.
 */
final class TornTail {

    private static final Logger LOG = Logger.getLogger(TornTail.class);
    static final String ACTION = AuditLogAction.JOURNAL_TAIL_CUT.action();

    private final JournalSegments segments;
    private final Path quarantine;

    TornTail(JournalSegments segments, Path quarantine) {
        this.segments = segments;
        this.quarantine = quarantine;
    }

    /** What was cut from one segment. */
    record Cut(String segment, long offset, long bytes, String sha256, String reason, String keptAs) {

        Map<String, Object> detail() {
            Map<String, Object> detail = new TreeMap<>();
            detail.put("segment", segment);
            detail.put("offset", offset);
            detail.put("bytes", bytes);
            detail.put("sha256", sha256);
            detail.put("reason", reason);
            detail.put("keptAs", keptAs);
            return detail;
        }
    }

    /** Cuts the newest segments' tails; removes a newest segment left with nothing. */
    List<Cut> cut() throws IOException {
        List<Cut> cuts = new ArrayList<>();
        List<Path> all = segments.list();
        for (int i = all.size() - 1; i >= 0; i--) {
            Path segment = all.get(i);
            Cut cut = cutOne(segment);
            if (cut != null) {
                cuts.add(cut);
            }
            if (Files.size(segment) > 0) {
                break;
            }
            Files.delete(segment);
            AuditJournal.fsyncDirectory(segments.dir());
            LOG.warnf("Audit segment %s held no complete event and was removed", segment.getFileName());
        }
        return cuts;
    }

    private Cut cutOne(Path segment) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
            long length = file.length();
            long end = JournalSegments.lastLineFeed(file, length) + 1;
            String reason = end < length ? "a line without its line end (never acknowledged)" : null;
            while (end > 0) {
                long start = JournalSegments.lastLineFeed(file, end - 1) + 1;
                byte[] line = new byte[(int) (end - 1 - start)];
                file.seek(start);
                file.readFully(line);
                if (line.length > 0 && readable(new String(line, StandardCharsets.UTF_8))) {
                    break;
                }
                reason = "a line that is no readable event at the end of the journal";
                end = start;
            }
            if (end == length) {
                return null;
            }
            byte[] cut = new byte[(int) (length - end)];
            file.seek(end);
            file.readFully(cut);
            String sha256 = sha256(cut);
            String name = segment.getFileName() + "." + end + ".cut";
            Files.createDirectories(quarantine);
            Path kept = quarantine.resolve(name);
            Files.write(kept, cut);
            file.setLength(end);
            file.getFD().sync();
            LOG.warnf("Audit segment %s ended in %d byte(s) that are no complete event (%s); cut at offset %d and kept "
                    + "as %s (SHA-256 %s)", segment.getFileName(), cut.length, reason, end, kept, sha256);
            return new Cut(segment.getFileName().toString(), end, cut.length, sha256, reason,
                    quarantine.getParent().getParent().relativize(kept).toString());
        }
    }

    private static boolean readable(String line) {
        try {
            EventLine.parse(line);
            return EventLine.claimedHash(line) != null;
        } catch (Exception e) {
            return false;
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
