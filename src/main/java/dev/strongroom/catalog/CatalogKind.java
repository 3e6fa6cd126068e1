package dev.strongroom.catalog;

import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Which database holds the catalog (fixed at build time). Recovery at start differs by it: the embedded H2
 * catalog has one host and can lose its newest commits at a full volume, so its rows are put back from this
 * host's journal; a shared PostgreSQL catalog loses no commit, and another host's later change must stand.
 */
@Singleton
public class CatalogKind {

    private final boolean embedded;

    public CatalogKind(@ConfigProperty(name = "quarkus.datasource.db-kind") String kind) {
        this.embedded = "h2".equals(kind);
    }

    /** True for the embedded H2 catalog. */
    public boolean embedded() {
        return embedded;
    }
}
