package dev.strongroom.writeahead;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the write-ahead state changes; read by {@link ChangeReplay}. */
@ConfigMapping(prefix = "strongroom.changes")
public interface ChangesConfig {

    /**
     * Remake, at the next start, every completed change the journal holds (legal holds, disposals,
     * users and roles) in the catalog, after a catalog was restored from an older copy or damaged. Off
     * by default; set it for one start. Env: STRONGROOM_CHANGES_REBUILD_AT_START.
     */
    @WithDefault("false")
    boolean rebuildAtStart();
}
