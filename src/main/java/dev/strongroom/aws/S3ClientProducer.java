package dev.strongroom.aws;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The vault's S3 clients, each built once and closed at shutdown: one in the primary region and one
 * in the replica bucket's region (a restore from the replica must not depend on the primary
 * region). Building a client touches no network, so an unreachable or unconfigured S3 never stops
 * the vault from starting; the backup capability reports that instead.
 * <p>
 * Application-scoped, so callers hold a proxy and a client is built on its first call, not at start:
 * building one loads some hundreds of SDK classes, and a vault without a bucket never needs them.
 */
@ApplicationScoped
public class S3ClientProducer {

    private static final Logger LOG = Logger.getLogger(S3ClientProducer.class);

    private final AwsConfig config;
    private final Optional<String> replicaRegion;

    public S3ClientProducer(AwsConfig config,
            @ConfigProperty(name = "strongroom.backup.replica-region") Optional<String> replicaRegion) {
        this.config = config;
        this.replicaRegion = replicaRegion;
    }

    @Produces
    @ApplicationScoped
    S3Client primary() {
        AwsSettings settings = AwsSettings.of(config);
        settings.endpoint().ifPresent(e -> LOG.infof("AWS clients use the endpoint %s (emulator)", e));
        return S3ClientFactory.create(settings, config.region());
    }

    @Produces
    @ApplicationScoped
    @ReplicaRegion
    S3Client replica() {
        return S3ClientFactory.create(AwsSettings.of(config),
                replicaRegion.filter(r -> !r.isBlank()).orElse(config.region()));
    }

    void close(@Disposes S3Client primary) {
        primary.close();
    }

    void closeReplica(@Disposes @ReplicaRegion S3Client replica) {
        replica.close();
    }
}
