package dev.strongroom.support;

import dev.strongroom.VaultConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Configuration for plain unit tests, which build the classes under test without Quarkus. */
public final class TestConfigs {

    private TestConfigs() {
    }

    public static VaultConfig vault(Path dataDir) {
        return new VaultConfig() {
            @Override
            public Path dataDir() {
                return dataDir;
            }

            @Override
            public Optional<String> adminPassword() {
                return Optional.empty();
            }

            @Override
            public Startup startup() {
                return () -> Duration.ofSeconds(10);
            }
        };
    }
}
