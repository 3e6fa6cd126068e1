package dev.strongroom.audit.cloudwatch;

import dev.strongroom.audit.DurableFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The shipping checkpoint on the data volume ({@code audit/cloudwatch/checkpoint.json}), replaced
 * through {@link DurableFile}: after any crash it holds the old or the new checkpoint, whole, and
 * the new one survives a power cut once {@link #save} returned.
 */
final class CheckpointFile {

    private static final Logger LOG = Logger.getLogger(CheckpointFile.class);

    private final Path file;

    CheckpointFile(Path file) {
        this.file = file;
    }

    Path path() {
        return file;
    }

    /**
     * The checkpoint for this group and stream. A checkpoint for another group or stream (the
     * instance name or the configuration changed) does not count: the new stream gets the whole
     * journal, so that every stream holds one complete chain.
     */
    ShipCheckpoint load(String logGroup, String stream) {
        if (!Files.isRegularFile(file)) {
            return ShipCheckpoint.start(logGroup, stream);
        }
        ShipCheckpoint saved;
        try {
            saved = EventParts.JSON.readValue(file.toFile(), ShipCheckpoint.class);
        } catch (IOException e) {
            // Cannot be a torn write (see the class comment); a damaged volume. Shipping re-reads the
            // stream from its start to find where to resume, so nothing is lost or sent twice.
            LOG.errorf("The audit shipping checkpoint %s is unreadable (%s); resuming from what the stream holds",
                    file, e.getMessage());
            return ShipCheckpoint.start(logGroup, stream);
        }
        if (!saved.isFor(logGroup, stream)) {
            LOG.warnf("The audit shipping checkpoint is for %s/%s; shipping the whole journal to %s/%s",
                    saved.logGroup(), saved.stream(), logGroup, stream);
            return ShipCheckpoint.start(logGroup, stream);
        }
        return saved;
    }

    /** The checkpoint whatever stream it is for; empty when there is none or it is unreadable. */
    Optional<ShipCheckpoint> loadAny() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(EventParts.JSON.readValue(file.toFile(), ShipCheckpoint.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    void save(ShipCheckpoint checkpoint) {
        try {
            DurableFile.replace(file, EventParts.JSON.writeValueAsBytes(checkpoint));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the audit shipping checkpoint " + file, e);
        }
    }
}
