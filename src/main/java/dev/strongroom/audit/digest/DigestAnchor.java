package dev.strongroom.audit.digest;

import dev.strongroom.audit.AnchorReading;
import dev.strongroom.audit.JournalAnchor;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The newest signed digest as an anchor: its chain head is an event the journal held when it was
 * signed. Read from the volume's record of it, and from the bucket, where Object Lock keeps it even
 * when the volume lost the record.
 */
@ApplicationScoped
public class DigestAnchor implements JournalAnchor {

    static final String NAME = "newest signed digest";

    private final DigestWriter writer;

    public DigestAnchor(DigestWriter writer) {
        this.writer = writer;
    }

    @Override
    public List<AnchorReading> readLocal() {
        try {
            return List.of(reading("record on the volume", writer.local()));
        } catch (IOException e) {
            return List.of(AnchorReading.unavailable(NAME, "its record on the volume is unreadable: " + e.getMessage()));
        }
    }

    @Override
    public List<AnchorReading> readRemote() {
        if (!writer.configured()) {
            return List.of(AnchorReading.notConfigured(NAME + " in the bucket", "no backup bucket is configured"));
        }
        try {
            return List.of(reading("in the bucket", writer.newestInBucket()));
        } catch (IOException | RuntimeException e) {
            return List.of(AnchorReading.unavailable(NAME + " in the bucket", e.getClass().getSimpleName() + ": "
                    + e.getMessage()));
        }
    }

    private static AnchorReading reading(String where, Optional<LastDigest> digest) {
        String name = NAME + " (" + where + ")";
        if (digest.isEmpty() || digest.get().lastSeq() <= 0) {
            return AnchorReading.read(name, List.of(), "no digest yet");
        }
        LastDigest d = digest.get();
        return AnchorReading.read(name, List.of(new AnchorReading.Point(d.lastSeq(), d.chainHead().hash(), d.key())),
                d.key() + " ends at event " + d.lastSeq());
    }
}
