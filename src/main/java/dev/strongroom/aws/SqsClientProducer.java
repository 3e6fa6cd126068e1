package dev.strongroom.aws;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The vault's SQS client, for the local runner that feeds the metadata Lambda's handler from the
 * emulator's S3 notification queue. Built on its first call (see {@link S3ClientProducer}; never
 * when the runner is off), closed at shutdown, no network at build time. Its socket timeout is the
 * attempt timeout plus the longest long poll (20 s), so a poll that waits for messages is not cut
 * off as a stalled connection.
 */
@ApplicationScoped
public class SqsClientProducer {

    private static final Duration LONGEST_POLL = Duration.ofSeconds(20);

    private final AwsConfig config;

    public SqsClientProducer(AwsConfig config) {
        this.config = config;
    }

    @Produces
    @ApplicationScoped
    SqsClient sqs() {
        AwsSettings settings = AwsSettings.of(config);
        AwsSettings polling = new AwsSettings(settings.endpoint(), settings.maxAttempts(),
                settings.attemptTimeout().plus(LONGEST_POLL), settings.connectTimeout());
        return SdkClientTuning.apply(SqsClient.builder(), polling, config.region()).build();
    }

    void close(@Disposes SqsClient sqs) {
        sqs.close();
    }
}
