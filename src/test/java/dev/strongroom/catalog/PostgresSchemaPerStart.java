package dev.strongroom.catalog;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Gives every vault started by a PostgreSQL test run a catalog schema of its own, named after its
 * data directory: a fresh data directory (each test start) gets an empty catalog, and a test that
 * restarts the vault on the same data directory finds its catalog again, exactly as with the H2
 * file that lives in the data directory.
 */
public class PostgresSchemaPerStart implements ConfigSourceFactory {

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue base = context.getValue(PostgresCatalogSession.BASE_URL);
        if (base == null || base.getValue() == null) {
            return List.of();
        }
        ConfigValue dataDir = context.getValue("strongroom.data-dir");
        String dir = Path.of(dataDir == null || dataDir.getValue() == null ? "./data" : dataDir.getValue())
                .toAbsolutePath().normalize().toString();
        String schema = "catalog_" + HexFormat.of().formatHex(sha256(dir), 0, 12);
        return List.of(new MapBackedConfigSource("strongroom-test-postgres-schema", Map.of(
                "quarkus.datasource.jdbc.url", base.getValue() + "?currentSchema=" + schema,
                "quarkus.flyway.schemas", schema), 275) {
        });
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
