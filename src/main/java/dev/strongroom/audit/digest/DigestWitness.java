package dev.strongroom.audit.digest;

import dev.strongroom.audit.AuditJournal;
import dev.strongroom.audit.EventLine;
import dev.strongroom.audit.JournalSegments;
import dev.strongroom.audit.cloudwatch.SignedCopyWitness;
import dev.strongroom.storage.BackupTarget;
import dev.strongroom.storage.Sha256;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Finds the digest that covers an event (the first whose end is not before the event's time and whose
 * range holds its number) and hashes the segment it signed twice: as the journal holds it, and with
 * CloudWatch's copy of the event in its place. The one that gives the signed SHA-256 is the copy the
 * vault wrote.
 */
@ApplicationScoped
public class DigestWitness implements SignedCopyWitness {

    private static final int LOOK_AHEAD = 8;

    private final DigestWriter writer;
    private final AuditJournal journal;
    private final BackupTarget bucket;

    public DigestWitness(DigestWriter writer, AuditJournal journal, BackupTarget bucket) {
        this.writer = writer;
        this.journal = journal;
        this.bucket = bucket;
    }

    @Override
    public String vouchesFor(long seq, String journalLine, String cloudWatchLine) {
        if (!writer.configured()) {
            return "no signed digest can say which is right (no backup bucket is configured)";
        }
        String any = journalLine != null ? journalLine : cloudWatchLine;
        Instant time;
        try {
            time = Instant.parse(EventLine.parse(any).time());
        } catch (Exception e) {
            return "no signed digest can say which is right (the event's time is unreadable)";
        }
        try {
            Optional<Covering> covering = covering(seq, time);
            if (covering.isEmpty()) {
                return "no signed digest covers event " + seq + " yet";
            }
            AuditDigest.Segment s = covering.get().segment();
            String key = covering.get().key();
            boolean journalMatches = s.sha256().equals(hash(s, seq, journalLine));
            boolean cloudWatchMatches = cloudWatchLine != null && s.sha256().equals(hash(s, seq, cloudWatchLine));
            if (journalMatches) {
                return "the journal matches signed digest " + key;
            }
            if (cloudWatchMatches) {
                return "CloudWatch matches signed digest " + key + " (the journal was changed)";
            }
            return "neither matches signed digest " + key;
        } catch (SdkException | IOException e) {
            return "the signed digests could not be read (" + e.getMessage() + ")";
        }
    }

    private record Covering(String key, AuditDigest.Segment segment) {
    }

    private Optional<Covering> covering(long seq, Instant time) throws IOException {
        String after = DigestKeys.name(time, "");
        List<String> keys = new ArrayList<>();
        for (String key : writer.keys()) {
            if (DigestKeys.nameOf(key).compareTo(after) >= 0) {
                keys.add(key);
            }
        }
        for (String key : keys.subList(0, Math.min(LOOK_AHEAD, keys.size()))) {
            AuditDigest digest = DigestWriter.JSON.readValue(bucket.read(key, null), AuditDigest.class);
            if (digest.firstSeq() <= seq && seq <= digest.lastSeq()) {
                for (AuditDigest.Segment s : digest.segments()) {
                    if (s.firstSeq() <= seq && seq <= s.lastSeq()) {
                        return Optional.of(new Covering(key, s));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** SHA-256 of the signed part of the segment as the journal holds it, with {@code line} as event {@code seq}. */
    private String hash(AuditDigest.Segment s, long seq, String line) throws IOException {
        Path file = journal.segments().dir().resolve(s.name());
        MessageDigest sha256 = Sha256.digest();
        boolean placed = false;
        List<String> lines = Files.isRegularFile(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        for (String l : lines) {
            long at = JournalSegments.seqOf(l);
            if (at < s.firstSeq() || at > s.lastSeq()) {
                continue;
            }
            if (!placed && at >= seq) {
                if (line != null) {
                    sha256.update((line + "\n").getBytes(StandardCharsets.UTF_8));
                }
                placed = true;
                if (at == seq) {
                    continue;
                }
            }
            sha256.update((l + "\n").getBytes(StandardCharsets.UTF_8));
        }
        if (!placed && line != null) {
            sha256.update((line + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return Sha256.hex(sha256.digest());
    }
}
