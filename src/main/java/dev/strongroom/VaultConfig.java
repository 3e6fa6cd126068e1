package dev.strongroom;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Settings every capability shares. Read by the store (data directory) and by security (first admin).
 */
@ConfigMapping(prefix = "strongroom")
public interface VaultConfig {

    /** The data volume: blobs, audit journal, catalog, keys. Env: STRONGROOM_DATA_DIR. */
    @WithDefault("./data")
    Path dataDir();

    /** Password of the first admin; generated and written to the data dir when absent. Env: STRONGROOM_ADMIN_PASSWORD. */
    Optional<String> adminPassword();
}
