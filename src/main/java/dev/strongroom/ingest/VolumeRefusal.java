package dev.strongroom.ingest;

import dev.strongroom.http.ProblemException;
import dev.strongroom.http.ProblemType;
import dev.strongroom.http.Problems;
import dev.strongroom.store.VolumeWriteException;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The answer to an upload the data volume could not take: 507 when the volume is full, 503 when it
 * failed otherwise. Either way the fault is the vault's, never a malformed body, and nothing was
 * stored (the pending blob is deleted by whoever held it).
 */
final class VolumeRefusal {

    private static final Logger LOG = Logger.getLogger(VolumeRefusal.class);

    private VolumeRefusal() {
    }

    static Optional<VolumeWriteException> cause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof VolumeWriteException volume) {
                return Optional.of(volume);
            }
        }
        return Optional.empty();
    }

    static ProblemException of(VolumeWriteException e) {
        if (e.volumeFull()) {
            LOG.errorf("DATA VOLUME FULL: an upload was refused (%d bytes free): %s", e.usableBytes(), e.getMessage());
            return new ProblemException(507, ProblemType.VOLUME_FULL, "Data volume full",
                    "The data volume is full (" + e.usableBytes() + " bytes free), so the upload could not be written; "
                            + "nothing was stored. Send it again once the operators have freed space.",
                    Map.of("usableBytes", e.usableBytes()), Map.of());
        }
        LOG.errorf(e, "The data volume could not be written; an upload was refused");
        return new ProblemException(503, ProblemType.VOLUME_WRITE_FAILED, "Data volume unavailable",
                "The data volume could not be written (" + Problems.clip(e.getCause().getMessage())
                        + "); nothing was stored. Send it again later.",
                Map.of(), Map.of("Retry-After", "60"));
    }
}
