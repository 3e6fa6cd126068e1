package dev.strongroom.audit;

import java.util.List;

/**
 * An outside anchor whose readings the test sets before the journal opens or re-checks: the local
 * reading stands for the catalog index or a digest, the remote one for CloudWatch or S3.
 */
final class SettableAnchor implements JournalAnchor {

    private volatile List<AnchorReading> local = List.of();
    private volatile List<AnchorReading> remote = List.of();

    /** The anchor holds event {@code seq} with {@code hash} (null: it knows only the number). */
    static AnchorReading holding(String anchor, long seq, String hash) {
        return AnchorReading.read(anchor, List.of(new AnchorReading.Point(seq, hash, "test")), "set by the test");
    }

    void local(AnchorReading... readings) {
        local = List.of(readings);
    }

    void remote(AnchorReading... readings) {
        remote = List.of(readings);
    }

    @Override
    public List<AnchorReading> readLocal() {
        return local;
    }

    @Override
    public List<AnchorReading> readRemote() {
        return remote;
    }
}
