package dev.strongroom;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Settings every capability shares. Read by the store (data directory), by security (first admin), and
 * by the {@code @Scheduled} periodic checks of several capabilities (start-up delay, through their
 * {@code delayed} expression).
 */
@ConfigMapping(prefix = "strongroom")
public interface VaultConfig {

    /** The data volume: blobs, audit journal, catalog, keys. Env: STRONGROOM_DATA_DIR. */
    @WithDefault("./data")
    Path dataDir();

    /** Password of the first admin; generated and written to the data dir when absent. Env: STRONGROOM_ADMIN_PASSWORD. */
    Optional<String> adminPassword();

    Startup startup();

    interface Startup {

        /**
         * How long after start the periodic checks (bucket posture, snapshot status, OCR probe, metadata
         * sweep and hand-over inbox) first run. They run in the background and gate nothing, but during
         * the start they would compete with it for the CPU. Env: STRONGROOM_STARTUP_BACKGROUND_DELAY.
         */
        @WithDefault("10s")
        Duration backgroundDelay();
    }
}
