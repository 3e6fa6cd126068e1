package dev.strongroom.aws;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The vault's SSM client: the local runner's handler sends its heavy-lane hand-overs through it when
 * an instance is configured (strongroom.metadata.runner.ssm-instance-id), exactly as the Lambda does.
 * Built on its first call (see {@link S3ClientProducer}), closed at shutdown, no network at build time.
 */
@ApplicationScoped
public class SsmClientProducer {

    private final AwsConfig config;

    public SsmClientProducer(AwsConfig config) {
        this.config = config;
    }

    @Produces
    @ApplicationScoped
    SsmClient ssm() {
        return SdkClientTuning.apply(SsmClient.builder(), AwsSettings.of(config), config.region()).build();
    }

    void close(@Disposes SsmClient ssm) {
        ssm.close();
    }
}
