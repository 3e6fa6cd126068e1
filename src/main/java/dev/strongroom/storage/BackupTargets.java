package dev.strongroom.storage;

import dev.strongroom.aws.ReplicaRegion;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Produces the one {@link BackupTarget} the vault uses, chosen by {@code strongroom.storage.target}
 * among the beans qualified {@code @Identifier}: a new target needs no change here. It writes only while the
 * bucket's claim names this vault ({@link ClaimedBucket}). Also the replica
 * bucket, which S3 replication fills and the vault only reads (restore drills).
 */
@ApplicationScoped
public class BackupTargets {

    @Produces
    @ApplicationScoped
    BackupTarget chosen(StorageConfig config, @Any Instance<BackupTarget> targets, Instance<BucketClearance> clearance) {
        Instance<BackupTarget> chosen = targets.select(Identifier.Literal.of(config.target()));
        if (!chosen.isResolvable()) {
            throw new IllegalStateException("strongroom.storage.target=" + config.target()
                    + " names no backup target (known: s3, memory)");
        }
        // Without a clearance (a build without the backup capability's claim) every write passes.
        return new ClaimedBucket(chosen.get(), () -> clearance.isResolvable() ? clearance.get().refusal()
                : Optional.empty());
    }

    /**
     * The replica bucket (strongroom.backup.replica-bucket, documented by BackupConfig) through the
     * client of its region; not configured when no replica is named.
     */
    @Produces
    @ApplicationScoped
    @ReplicaRegion
    BackupTarget replica(@ReplicaRegion S3Client s3,
            @ConfigProperty(name = "strongroom.backup.replica-bucket") Optional<String> bucket) {
        return new S3BackupTarget(s3, bucket, Optional.empty());
    }
}
