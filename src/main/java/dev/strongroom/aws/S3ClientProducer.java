package dev.strongroom.aws;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The vault's S3 clients, each built once and closed at shutdown: one in the primary region and one
 * in the replica bucket's region (a restore from the replica must not depend on the primary
 * region). Building a client touches no network, so an unreachable or unconfigured S3 never stops
 * the vault from starting; the backup capability reports that instead.
 */
@ApplicationScoped
public class S3ClientProducer {

    private static final Logger LOG = Logger.getLogger(S3ClientProducer.class);

    private final S3Client primary;
    private final S3Client replica;

    public S3ClientProducer(AwsConfig config,
            @ConfigProperty(name = "strongroom.backup.replica-region") Optional<String> replicaRegion) {
        AwsSettings settings = AwsSettings.of(config);
        this.primary = S3ClientFactory.create(settings, config.region());
        this.replica = S3ClientFactory.create(settings, replicaRegion.filter(r -> !r.isBlank()).orElse(config.region()));
        settings.endpoint().ifPresent(e -> LOG.infof("AWS clients use the endpoint %s (emulator)", e));
    }

    @Produces
    @Singleton
    S3Client primary() {
        return primary;
    }

    @Produces
    @Singleton
    @ReplicaRegion
    S3Client replica() {
        return replica;
    }

    @PreDestroy
    void close() {
        primary.close();
        replica.close();
    }
}
