package dev.strongroom.catalog;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Puts the embedded catalog on the data volume: {@code <data-dir>/catalog/strongroom} as an H2
 * file, with an absolute path because H2 refuses relative ones. A build for PostgreSQL (the
 * production catalog) gets no default: its URL must be configured. Setting
 * {@code quarkus.datasource.jdbc.url} overrides it either way, since this source ranks below
 * application.properties and the environment.
 */
public class CatalogUrlConfigSource implements ConfigSourceFactory {

    static final String URL = "quarkus.datasource.jdbc.url";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue kind = context.getValue("quarkus.datasource.db-kind");
        if (kind != null && kind.getValue() != null && !"h2".equals(kind.getValue())) {
            return List.of();
        }
        ConfigValue dataDir = context.getValue("strongroom.data-dir");
        Path dir = Path.of(dataDir == null || dataDir.getValue() == null ? "./data" : dataDir.getValue());
        return List.of(new MapBackedConfigSource("strongroom-catalog-default", Map.of(URL, h2Url(dir)), 150) {
        });
    }

    /** The embedded catalog's URL for a data directory. */
    public static String h2Url(Path dataDir) {
        // WRITE_DELAY=0 hands every commit to the OS at once, so a killed process loses no committed row.
        // DB_CLOSE_ON_EXIT=FALSE leaves closing to the connection pool at shutdown, after work that
        // drains at shutdown (a backup run finishing) has written its last rows; H2's own JVM hook
        // would close the database underneath it.
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().normalize().resolve("catalog").resolve("strongroom")
                + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
    }
}
