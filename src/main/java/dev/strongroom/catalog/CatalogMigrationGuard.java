package dev.strongroom.catalog;

import io.quarkus.flyway.FlywayConfigurationCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Makes the start's migrations of an embedded catalog all-or-nothing across a kill (see
 * {@link PreMigrationCopy}). Quarkus calls it while building Flyway, before any connection to the
 * catalog is opened, which is when a copy left by a killed start can be put back.
 */
@Singleton
public class CatalogMigrationGuard implements FlywayConfigurationCustomizer {

    private final Optional<String> jdbcUrl;

    public CatalogMigrationGuard(@ConfigProperty(name = "quarkus.datasource.jdbc.url") Optional<String> jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    @Override
    public void customize(FluentConfiguration configuration) {
        Optional<PreMigrationCopy> copy = jdbcUrl.flatMap(PreMigrationCopy::forUrl);
        if (copy.isEmpty()) {
            return;
        }
        try {
            copy.get().restoreIfLeft();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot put the catalog back from its pre-migration copy", e);
        }
        List<Callback> callbacks = new ArrayList<>(Arrays.asList(configuration.getCallbacks()));
        callbacks.add(new CopyBeforeMigrating(copy.get()));
        configuration.callbacks(callbacks.toArray(Callback[]::new));
    }
}
