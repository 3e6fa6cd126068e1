package dev.strongroom.audit.cloudwatch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.jboss.logging.Logger;

/**
 * The shipping checkpoint on the data volume ({@code audit/cloudwatch/checkpoint.json}). Written as
 * a new file that is fsynced and then renamed over the old one (and the directory fsynced), so after
 * any crash the file holds either the old or the new checkpoint, whole, and the new one survives a
 * power cut once {@link #save} returned.
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

    void save(ShipCheckpoint checkpoint) {
        try {
            Path dir = file.getParent();
            Files.createDirectories(dir);
            Path temp = dir.resolve(file.getFileName() + ".tmp");
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer bytes = ByteBuffer.wrap(EventParts.JSON.writeValueAsBytes(checkpoint));
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
                out.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                d.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the audit shipping checkpoint " + file, e);
        }
    }
}
