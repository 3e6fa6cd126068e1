package dev.strongroom.aws;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;

/**
 * The vault's CloudWatch clients, in the primary region, each built once (on its first call, like
 * every client of {@link S3ClientProducer}) and closed at shutdown. Building touches no network, so an
 * unreachable CloudWatch never stops the vault from starting; audit shipping and metrics report it
 * instead. The {@link SingleAttempt} Logs client is for PutLogEvents, which the audit shipper retries
 * itself after checking what the stream holds.
 */
@ApplicationScoped
public class CloudWatchClientProducer {

    private final AwsConfig config;

    public CloudWatchClientProducer(AwsConfig config) {
        this.config = config;
    }

    @Produces
    @ApplicationScoped
    CloudWatchLogsClient logs() {
        AwsSettings settings = AwsSettings.of(config);
        return CloudWatchClientFactory.logs(settings, config.region(), settings.maxAttempts());
    }

    @Produces
    @ApplicationScoped
    @SingleAttempt
    CloudWatchLogsClient logsSingleAttempt() {
        return CloudWatchClientFactory.logs(AwsSettings.of(config), config.region(), 1);
    }

    @Produces
    @ApplicationScoped
    CloudWatchClient metrics() {
        return CloudWatchClientFactory.metrics(AwsSettings.of(config), config.region());
    }

    void close(@Disposes CloudWatchLogsClient logs) {
        logs.close();
    }

    void closeSingleAttempt(@Disposes @SingleAttempt CloudWatchLogsClient logs) {
        logs.close();
    }

    void close(@Disposes CloudWatchClient metrics) {
        metrics.close();
    }
}
