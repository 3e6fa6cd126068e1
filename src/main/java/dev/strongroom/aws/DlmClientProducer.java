package dev.strongroom.aws;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.dlm.DlmClient;

/**
 * The vault's Data Lifecycle Manager client, built once and closed at shutdown. No emulator we run
 * has DLM, so besides strongroom.aws.endpoint it takes its own override,
 * strongroom.snapshots.dlm-endpoint (a stub of DLM's HTTP API in tests); on AWS both are unset.
 */
@ApplicationScoped
public class DlmClientProducer {

    private static final Logger LOG = Logger.getLogger(DlmClientProducer.class);

    private final DlmClient dlm;

    public DlmClientProducer(AwsConfig config,
            @ConfigProperty(name = "strongroom.snapshots.dlm-endpoint") Optional<String> dlmEndpoint) {
        AwsSettings settings = AwsSettings.of(config);
        if (dlmEndpoint.filter(e -> !e.isBlank()).isPresent()) {
            settings = settings.withEndpoint(dlmEndpoint.get());
            LOG.infof("The DLM client uses the endpoint %s", dlmEndpoint.get());
        }
        this.dlm = SdkClientTuning.apply(DlmClient.builder(), settings, config.region()).build();
    }

    @Produces
    @Singleton
    DlmClient dlm() {
        return dlm;
    }

    @PreDestroy
    void close() {
        dlm.close();
    }
}
