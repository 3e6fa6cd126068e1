package dev.strongroom.metadata.sync;

import dev.strongroom.Stopping;
import dev.strongroom.VaultConfig;
import dev.strongroom.metadata.MetadataWorker;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The EC2 end of the Lambda's SSM hand-over: {@code <data-dir>/metadata-handover/}. The SSM command
 * ({@code touch /srv/strongroom/metadata-handover/<sha256>}, see docs/metadata.md) drops an empty file
 * named after a deferred document's SHA-256; this picks it up, hands the documents with those bytes to
 * the heavy lane and removes the file. A file on the host's own volume needs no network endpoint and
 * no credentials: only who may run commands on the instance can ask.
 */
@ApplicationScoped
public class HandoverInbox {

    private static final Logger LOG = Logger.getLogger(HandoverInbox.class);
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final Path directory;
    private final MetadataWorker worker;

    public HandoverInbox(VaultConfig config, MetadataWorker worker) {
        this.directory = config.dataDir().resolve("metadata-handover");
        this.worker = worker;
    }

    public Path directory() {
        return directory;
    }

    @Scheduled(every = "{strongroom.metadata.handover.every}", delayed = "{strongroom.startup.background-delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Stopping.Skip.class)
    void read() {
        try {
            Files.createDirectories(directory);
            try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
                for (Path file : files) {
                    take(file);
                }
            }
        } catch (IOException e) {
            LOG.warnf("The metadata hand-over directory %s could not be read (%s)", directory, e.getMessage());
        }
    }

    private void take(Path file) throws IOException {
        String name = file.getFileName().toString();
        if (!SHA256.matcher(name).matches()) {
            LOG.warnf("Ignoring %s in the metadata hand-over directory: not a SHA-256", file);
            return;
        }
        try {
            int queued = worker.handOverDeferred(name);
            LOG.infof("Hand-over of %s: %d document(s) queued for the heavy lane", name, queued);
            Files.deleteIfExists(file);
        } catch (UncheckedIOException | IllegalStateException e) {
            LOG.warnf("Hand-over of %s failed (%s); kept for the next round", name, e.getMessage());
        }
    }
}
