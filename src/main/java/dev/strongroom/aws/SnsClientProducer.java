package dev.strongroom.aws;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The vault's SNS client, for the "statement processed" notification. Built on its first call (see
 * {@link S3ClientProducer}; never when no topic is configured), closed at shutdown, no network at build time.
 */
@ApplicationScoped
public class SnsClientProducer {

    private final AwsConfig config;

    public SnsClientProducer(AwsConfig config) {
        this.config = config;
    }

    @Produces
    @ApplicationScoped
    SnsClient sns() {
        return SdkClientTuning.apply(SnsClient.builder(), AwsSettings.of(config), config.region()).build();
    }

    void close(@Disposes SnsClient sns) {
        sns.close();
    }
}
