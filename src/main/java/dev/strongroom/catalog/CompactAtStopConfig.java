package dev.strongroom.catalog;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Compaction of the embedded H2 catalog at a clean stop; read by {@link CatalogCompaction}. */
@ConfigMapping(prefix = "strongroom.catalog.compact-at-stop")
public interface CompactAtStopConfig {

    /**
     * Whether a clean stop rewrites the H2 catalog file without the space its store no longer uses
     * (env STRONGROOM_CATALOG_COMPACT_AT_STOP_ENABLED, default true). No effect on PostgreSQL.
     */
    @WithDefault("true")
    boolean enabled();

    /**
     * How long the stop waits for the compaction (env STRONGROOM_CATALOG_COMPACT_AT_STOP_TIMEOUT, default
     * 20s, well inside the unit's TimeoutStopSec of 60 s). A compaction still running then is left to the
     * process exit: H2 rewrites the file in new chunks and switches to them last, so an unfinished one
     * leaves the file as it was, and the next clean stop tries again.
     */
    @WithDefault("20s")
    Duration timeout();
}
