package dev.strongroom.catalog;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the running vault keeps the embedded H2 catalog's file near its live size; read by {@link CatalogHousekeeping}. */
@ConfigMapping(prefix = "strongroom.catalog.housekeeping")
public interface CatalogHousekeepingConfig {

    /**
     * How often the running vault moves live rows out of the H2 store's mostly dead chunks, so that their space is
     * used again (env STRONGROOM_CATALOG_HOUSEKEEPING_EVERY, default 10s; {@code off} stops it). Read by the
     * scheduler as {@code strongroom.catalog.housekeeping.every}. No effect on PostgreSQL.
     */
    @WithDefault("10s")
    String every();
}
