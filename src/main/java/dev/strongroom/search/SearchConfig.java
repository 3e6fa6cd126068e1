package dev.strongroom.search;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** {@code strongroom.search.*}: the full-text index (docs/search.md). */
@ConfigMapping(prefix = "strongroom.search")
public interface SearchConfig {

    /** Search through the Lucene index; false: the catalog's SQL search (file name, excerpt) as before. */
    @WithDefault("true")
    boolean enabled();

    /** Where the index lives; default {@code <data-dir>/search-index}. */
    Optional<Path> indexDir();

    /** How often the indexer looks for dirty documents when no change was announced (other hosts' changes). */
    @WithDefault("5s")
    Duration pollEvery();

    /** Most documents indexed per Lucene commit. */
    @WithDefault("200")
    int batch();

    /**
     * How long a search waits for the indexer to take the changes made before it (read your own writes);
     * past that it answers from the index as it is and says how many documents it has not taken yet.
     */
    @WithDefault("3s")
    Duration freshnessWait();
}
