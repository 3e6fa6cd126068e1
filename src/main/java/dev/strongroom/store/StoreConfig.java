package dev.strongroom.store;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Data volume health thresholds; read by {@link DataVolumeHealthCheck}. */
@ConfigMapping(prefix = "strongroom.store")
public interface StoreConfig {

    /** Below this many free bytes on the data volume the vault reports itself not ready (default 1 GiB). */
    @WithDefault("1073741824")
    long minFreeBytes();
}
