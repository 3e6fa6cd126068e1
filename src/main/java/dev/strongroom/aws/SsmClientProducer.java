package dev.strongroom.aws;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The vault's SSM client: the local runner's handler sends its heavy-lane hand-overs through it when
 * an instance is configured (strongroom.metadata.runner.ssm-instance-id), exactly as the Lambda does.
 * Built once, closed at shutdown, no network at build time.
 */
@ApplicationScoped
public class SsmClientProducer {

    private final SsmClient ssm;

    public SsmClientProducer(AwsConfig config) {
        this.ssm = SdkClientTuning.apply(SsmClient.builder(), AwsSettings.of(config), config.region()).build();
    }

    @Produces
    @Singleton
    SsmClient ssm() {
        return ssm;
    }

    @PreDestroy
    void close() {
        ssm.close();
    }
}
