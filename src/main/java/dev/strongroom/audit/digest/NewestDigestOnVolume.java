package dev.strongroom.audit.digest;

import dev.strongroom.audit.ExportHeader;
import dev.strongroom.audit.NewestDigest;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.Optional;
import org.jboss.logging.Logger;

/** The digest writer's record of its newest digest, read from the volume (no call to the bucket). */
@ApplicationScoped
public class NewestDigestOnVolume implements NewestDigest {

    private static final Logger LOG = Logger.getLogger(NewestDigestOnVolume.class);

    private final DigestWriter writer;

    public NewestDigestOnVolume(DigestWriter writer) {
        this.writer = writer;
    }

    @Override
    public Optional<ExportHeader.DigestReference> newest() {
        try {
            return writer.local().map(d -> new ExportHeader.DigestReference(d.key(), d.sha256(), d.chainHead()));
        } catch (IOException e) {
            // The manifest then names no digest; the export is still signed and checkable on its own.
            LOG.warnf("The record of the newest audit digest is unreadable (%s); this export names no digest",
                    e.getMessage());
            return Optional.empty();
        }
    }
}
