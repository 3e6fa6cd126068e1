package dev.strongroom.storage;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

/**
 * Produces the one {@link BackupTarget} the vault uses, chosen by {@code strongroom.storage.target}
 * among the beans qualified {@code @Identifier}: a new target needs no change here.
 */
@ApplicationScoped
public class BackupTargets {

    @Produces
    @ApplicationScoped
    BackupTarget chosen(StorageConfig config, @Any Instance<BackupTarget> targets) {
        Instance<BackupTarget> chosen = targets.select(Identifier.Literal.of(config.target()));
        if (!chosen.isResolvable()) {
            throw new IllegalStateException("strongroom.storage.target=" + config.target()
                    + " names no backup target (known: s3, memory)");
        }
        return chosen.get();
    }
}
