package dev.strongroom.aws;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.dlm.DlmClient;

/**
 * The vault's Data Lifecycle Manager client, built on its first call (see {@link S3ClientProducer})
 * and closed at shutdown. No emulator we run has DLM, so besides strongroom.aws.endpoint it takes its
 * own override, strongroom.snapshots.dlm-endpoint (a stub of DLM's HTTP API in tests); on AWS both
 * are unset.
 */
@ApplicationScoped
public class DlmClientProducer {

    private static final Logger LOG = Logger.getLogger(DlmClientProducer.class);

    private final AwsConfig config;
    private final Optional<String> dlmEndpoint;

    public DlmClientProducer(AwsConfig config,
            @ConfigProperty(name = "strongroom.snapshots.dlm-endpoint") Optional<String> dlmEndpoint) {
        this.config = config;
        this.dlmEndpoint = dlmEndpoint;
    }

    @Produces
    @ApplicationScoped
    DlmClient dlm() {
        AwsSettings settings = AwsSettings.of(config);
        if (dlmEndpoint.filter(e -> !e.isBlank()).isPresent()) {
            settings = settings.withEndpoint(dlmEndpoint.get());
            LOG.infof("The DLM client uses the endpoint %s", dlmEndpoint.get());
        }
        return SdkClientTuning.apply(DlmClient.builder(), settings, config.region()).build();
    }

    void close(@Disposes DlmClient dlm) {
        dlm.close();
    }
}
