package dev.strongroom.aws;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;

/**
 * The vault's CloudWatch clients, in the primary region, each built once and closed at shutdown.
 * Building touches no network, so an unreachable CloudWatch never stops the vault from starting;
 * audit shipping and metrics report it instead. The {@link SingleAttempt} Logs client is for
 * PutLogEvents, which the audit shipper retries itself after checking what the stream holds.
 */
@ApplicationScoped
public class CloudWatchClientProducer {

    private final CloudWatchLogsClient logs;
    private final CloudWatchLogsClient logsSingleAttempt;
    private final CloudWatchClient metrics;

    public CloudWatchClientProducer(AwsConfig config) {
        AwsSettings settings = AwsSettings.of(config);
        this.logs = CloudWatchClientFactory.logs(settings, config.region(), settings.maxAttempts());
        this.logsSingleAttempt = CloudWatchClientFactory.logs(settings, config.region(), 1);
        this.metrics = CloudWatchClientFactory.metrics(settings, config.region());
    }

    @Produces
    @Singleton
    CloudWatchLogsClient logs() {
        return logs;
    }

    @Produces
    @Singleton
    @SingleAttempt
    CloudWatchLogsClient logsSingleAttempt() {
        return logsSingleAttempt;
    }

    @Produces
    @Singleton
    CloudWatchClient metrics() {
        return metrics;
    }

    @PreDestroy
    void close() {
        logs.close();
        logsSingleAttempt.close();
        metrics.close();
    }
}
