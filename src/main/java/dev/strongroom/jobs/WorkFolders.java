package dev.strongroom.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/** The folders a job writes its files in before they go where they belong (bucket, report folder). */
public final class WorkFolders {

    private static final Logger LOG = Logger.getLogger(WorkFolders.class);

    private WorkFolders() {
    }

    /**
     * Removes {@code dir} with everything in it, if it exists. A failure is logged, not thrown: the job's
     * outcome does not depend on it, and its store clears the work folders again at the next start.
     */
    public static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warnf("Could not remove the work folder %s: %s", dir, e.getMessage());
        }
    }
}
