package dev.strongroom.backup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The bucket's claim ({@code vault/claim.json}, docs/backup-format.md): the one vault whose backups the
 * bucket holds, and the hosts of that vault that have written to it. A vault with another id refuses to
 * write there.
 */
public record BucketClaim(String format, int version, String vaultId, Instant createdAt, List<Host> hosts) {

    public static final String FORMAT = "strongroom-bucket-claim";
    public static final int VERSION = 1;

    /** A host of the vault, and when it first wrote to the bucket. */
    public record Host(String id, Instant since) {
    }

    static BucketClaim first(String vaultId, String hostId, Instant now) {
        return new BucketClaim(FORMAT, VERSION, vaultId, now, List.of(new Host(hostId, now)));
    }

    boolean names(String hostId) {
        return hosts.stream().anyMatch(h -> h.id().equals(hostId));
    }

    BucketClaim withHost(String hostId, Instant now) {
        List<Host> more = new ArrayList<>(hosts);
        more.add(new Host(hostId, now));
        return new BucketClaim(format, version, vaultId, createdAt, List.copyOf(more));
    }
}
