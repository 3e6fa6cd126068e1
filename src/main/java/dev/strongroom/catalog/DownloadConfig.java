package dev.strongroom.catalog;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How much a download checks the local blob first; read by {@link ContentService}. */
@ConfigMapping(prefix = "strongroom.download")
public interface DownloadConfig {

    /**
     * Blobs up to this size are re-hashed before they are served (default 64 MiB), so a rotten copy
     * is repaired from the backup instead of being sent; larger ones are checked by size only, to
     * keep big downloads starting at once (the scrub re-hashes them).
     */
    @WithDefault("67108864")
    long verifyMaxBytes();
}
