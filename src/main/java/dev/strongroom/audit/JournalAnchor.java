package dev.strongroom.audit;

import java.util.List;

/**
 * Something outside the journal files that knows how far the journal reached: the catalog index, the
 * digests, CloudWatch, the segments in S3. The journal compares its head with every anchor as it
 * opens and at every re-check; an anchor holding an event the journal lacks, or another event under a
 * number the journal has, makes the vault read-only.
 * <p>
 * Contract: implementations run while the journal opens, so they must not use the journal nor audit
 * anything. {@link #readLocal} reads the volume and the catalog and must be quick; {@link #readRemote}
 * may call AWS and runs under a deadline, its readings dropped as unavailable when it is late. Neither
 * throws: a failure is an {@link AnchorReading.Status#UNAVAILABLE} reading.
 */
public interface JournalAnchor {

    List<AnchorReading> readLocal();

    default List<AnchorReading> readRemote() {
        return List.of();
    }
}
