package dev.strongroom.audit.cloudwatch;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import dev.strongroom.audit.DurableFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Which log stream this vault ships to. Each stream holds one complete chain: a vault restored from a
 * snapshot or from S3 ships, from event 1, to a new <em>epoch</em> of its stream,
 * {@code <stream>/<restore id>}, so the stream the vault wrote before the restore stays exactly as it
 * was (two different events can never share a number in one stream). The epoch is kept in
 * {@code audit/cloudwatch/epoch.json}; a restore is recognised by the marker it leaves on the volume:
 * {@code restore/report.json} (an S3 restore) or {@code snapshot-restore/journal-replay.json} (a
 * snapshot restore). docs/cloudwatch-audit.md describes the naming.
 */
public final class StreamEpoch {

    private static final Logger LOG = Logger.getLogger(StreamEpoch.class);
    static final String FILE = "epoch.json";
    private static final DateTimeFormatter COMPACT = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    /** One epoch: the restore that began it and when that restore happened. */
    @JsonPropertyOrder({ "id", "restoredAt", "reason" })
    public record Epoch(String id, String restoredAt, String reason) {
    }

    private StreamEpoch() {
    }

    /** The stream for an epoch: the base name, or {@code <base>/<epoch id>}, within CloudWatch's 512 characters. */
    public static String stream(String base, Optional<Epoch> epoch) {
        if (epoch.isEmpty()) {
            return base;
        }
        String id = epoch.get().id();
        String cut = base.substring(0, Math.min(base.length(), 511 - id.length()));
        return cut + "/" + id;
    }

    /** Whether {@code name} is the base stream or one of its epochs. */
    public static boolean ofBase(String base, String name) {
        return name.equals(base) || name.startsWith(base + "/");
    }

    /** The epoch in force, without starting a new one. */
    public static Optional<Epoch> current(Path cloudWatchDir) {
        Path file = cloudWatchDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(EventParts.JSON.readValue(file.toFile(), Epoch.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CloudWatch stream epoch " + file, e);
        }
    }

    /**
     * Starts a new epoch when the volume shows a restore newer than the epoch in force; returns the
     * epoch to ship to.
     */
    public static Optional<Epoch> establish(Path dataDir, Path cloudWatchDir) {
        Optional<Epoch> current = current(cloudWatchDir);
        Optional<Epoch> restore = newestRestore(dataDir);
        if (restore.isEmpty() || current.map(e -> e.id().equals(restore.get().id())).orElse(false)) {
            return current;
        }
        if (current.isPresent() && Instant.parse(current.get().restoredAt()).isAfter(
                Instant.parse(restore.get().restoredAt()))) {
            return current;
        }
        try {
            DurableFile.replace(cloudWatchDir.resolve(FILE), EventParts.JSON.writeValueAsBytes(restore.get()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the CloudWatch stream epoch in " + cloudWatchDir, e);
        }
        LOG.warnf("This volume was restored (%s): audit shipping starts a new stream epoch, %s, so the stream "
                + "written before the restore stays as it was", restore.get().reason(), restore.get().id());
        return restore;
    }

    /** The newest restore the volume under {@code dataDir} shows, from S3 or from a snapshot. */
    public static Optional<Epoch> lastRestore(Path dataDir) {
        return newestRestore(dataDir);
    }

    private static Optional<Epoch> newestRestore(Path dataDir) {
        Optional<Epoch> s3 = marker(dataDir.resolve("restore").resolve("report.json"), "finishedAt", null,
                "s3-restore", "restored from the S3 backup");
        Optional<Epoch> snapshot = marker(dataDir.resolve("snapshot-restore").resolve("journal-replay.json"),
                "replayedAt", "snapshotId", null, "restored from an EBS snapshot");
        if (s3.isEmpty()) {
            return snapshot;
        }
        if (snapshot.isEmpty()) {
            return s3;
        }
        return Instant.parse(s3.get().restoredAt()).isAfter(Instant.parse(snapshot.get().restoredAt())) ? s3 : snapshot;
    }

    private static Optional<Epoch> marker(Path file, String timeField, String idField, String prefix, String reason) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode node = EventParts.JSON.readTree(file.toFile());
            Instant at = Instant.parse(node.path(timeField).asText());
            String name = idField == null ? prefix : node.path(idField).asText("snapshot");
            String id = (name + "-" + COMPACT.format(at)).replaceAll("[^A-Za-z0-9._-]", "-");
            return Optional.of(new Epoch(id, at.toString(), reason));
        } catch (IOException | RuntimeException e) {
            LOG.warnf("The restore marker %s is unreadable (%s); the stream epoch stays as it is", file, e.getMessage());
            return Optional.empty();
        }
    }
}
