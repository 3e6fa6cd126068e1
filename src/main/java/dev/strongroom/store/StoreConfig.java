package dev.strongroom.store;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Data volume thresholds; read by {@link DataVolumeHealthCheck}, {@link BlobStore} and the audit
 * write gate ({@code dev.strongroom.audit.WriteGate}).
 */
@ConfigMapping(prefix = "strongroom.store")
public interface StoreConfig {

    /** Below this many free bytes on the data volume the vault reports itself not ready (default 1 GiB). */
    @WithDefault("1073741824")
    long minFreeBytes();

    /**
     * Below this many free bytes every change of state (uploads, legal holds, disposals, user changes,
     * backup runs) is refused with 507, and an upload stops writing, so the catalog and the audit
     * journal always have room to record what happens (default 64 MiB). Env: STRONGROOM_STORE_WRITE_FLOOR_BYTES.
     */
    @WithDefault("67108864")
    long writeFloorBytes();
}
