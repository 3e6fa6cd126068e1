package dev.strongroom;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The vault's id and this host's id: configured ({@link VaultIdentityConfig}), or generated once and kept
 * on the data volume, so that a single-host vault runs without configuration and a volume restored from
 * a snapshot keeps its ids. Hosts of one vault each have their own volume, so they must be given the
 * same {@code strongroom.vault.id}; each keeps its own generated host id.
 */
@ApplicationScoped
public class VaultIdentity {

    private static final Logger LOG = Logger.getLogger(VaultIdentity.class);
    static final String VAULT_ID_FILE = "vault-id";
    static final String HOST_ID_FILE = "host-id";

    private final VaultConfig vault;
    private final VaultIdentityConfig config;
    private String vaultId;
    private String hostId;

    public VaultIdentity(VaultConfig vault, VaultIdentityConfig config) {
        this.vault = vault;
        this.config = config;
    }

    /** Once the data directory is private: a malformed configured id stops the start, with its key named. */
    void resolveAtStart(@Observes @Priority(StartupOrder.VAULT_IDENTITY) StartupEvent event) {
        LOG.infof("Vault %s, host %s", vaultId(), hostId());
    }

    /**
     * A restore onto an empty data directory keeps the ids the bucket's claim names, so the restored host is the
     * vault and host it was (and the bucket takes its backups again) instead of a new vault the claim refuses.
     */
    public static void adopt(Path dataDir, String vaultId, Optional<String> hostId) {
        PersistedId.readOrCreate(dataDir.resolve(VAULT_ID_FILE), PersistedId.valid(vaultId, "the bucket's claim"));
        hostId.ifPresent(id -> PersistedId.readOrCreate(dataDir.resolve(HOST_ID_FILE),
                PersistedId.valid(id, "the bucket's claim")));
    }

    public synchronized String vaultId() {
        if (vaultId == null) {
            vaultId = config.id().map(id -> PersistedId.valid(id, "strongroom.vault.id"))
                    .orElseGet(() -> PersistedId.readOrCreate(vault.dataDir().resolve(VAULT_ID_FILE),
                            UUID.randomUUID().toString()));
        }
        return vaultId;
    }

    public synchronized String hostId() {
        if (hostId == null) {
            hostId = config.hostId().map(id -> PersistedId.valid(id, "strongroom.vault.host-id"))
                    .orElseGet(() -> PersistedId.readOrCreate(vault.dataDir().resolve(HOST_ID_FILE),
                            "host-" + UUID.randomUUID().toString().substring(0, 8)));
        }
        return hostId;
    }
}
