package dev.strongroom.catalog;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The running vault's upkeep of an embedded H2 catalog's file; read by {@link CatalogUpkeep}. */
@ConfigMapping(prefix = "strongroom.catalog.upkeep")
public interface CatalogUpkeepConfig {

    /**
     * How often the upkeep gives back the space the catalog's store no longer uses (env
     * STRONGROOM_CATALOG_UPKEEP_EVERY, default 60s; {@code off} stops it). No effect on PostgreSQL.
     */
    @WithDefault("60s")
    String every();

    /**
     * How long one pass may go on rewriting (env STRONGROOM_CATALOG_UPKEEP_PASS_TIME, default 2s). Each
     * step inside it holds the store's lock for one bounded rewrite, so commits wait for a step, not for the
     * pass; what a pass leaves is taken by the next.
     */
    @WithDefault("2s")
    Duration passTime();
}
