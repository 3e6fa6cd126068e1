package dev.strongroom;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/**
 * Which vault this is and which host of it (read by {@link VaultIdentity}). The bucket's claim names
 * both, so a vault refuses a bucket another vault has claimed.
 */
@ConfigMapping(prefix = "strongroom.vault")
public interface VaultIdentityConfig {

    /**
     * The vault's id: the same on every host of one vault (they share its catalog and bucket), different
     * for every other vault (staging, a DR rehearsal). Unset: generated once and kept on the data volume
     * ({@code <data-dir>/vault-id}), which a single-host vault needs no more than. Env STRONGROOM_VAULT_ID.
     */
    Optional<String> id();

    /**
     * This host's id within the vault, different on each host. Unset: generated once and kept on the data
     * volume ({@code <data-dir>/host-id}), so every host's own volume gives it its own id. Env
     * STRONGROOM_VAULT_HOST_ID.
     */
    Optional<String> hostId();
}
