package dev.strongroom.search;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Search settings for tests that build an indexer by hand: an index in {@code dir}, polled every {@code pollEvery}. */
record TestSearchConfig(Path dir, Duration pollEvery, int batch) implements SearchConfig {

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public Optional<Path> indexDir() {
        return Optional.of(dir);
    }

    @Override
    public Duration freshnessWait() {
        return Duration.ofSeconds(1);
    }
}
