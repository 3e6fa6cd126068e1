package dev.strongroom.aws;

import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClientBuilder;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClientBuilder;

/** Builds CloudWatch Logs and CloudWatch (metrics) clients the way {@link S3ClientFactory} builds S3 clients. */
public final class CloudWatchClientFactory {

    private CloudWatchClientFactory() {
    }

    /**
     * @param maxAttempts attempts per call under the SDK's standard strategy; 1 for calls that are
     *        not safe to repeat blindly (PutLogEvents: a timed-out attempt may still have been stored)
     */
    public static CloudWatchLogsClient logs(AwsSettings settings, String region, int maxAttempts) {
        CloudWatchLogsClientBuilder builder = CloudWatchLogsClient.builder()
                .region(Region.of(region))
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .httpClientBuilder(http(settings))
                .overrideConfiguration(override(settings, maxAttempts));
        settings.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    public static CloudWatchClient metrics(AwsSettings settings, String region) {
        CloudWatchClientBuilder builder = CloudWatchClient.builder()
                .region(Region.of(region))
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .httpClientBuilder(http(settings))
                .overrideConfiguration(override(settings, settings.maxAttempts()));
        settings.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private static ApacheHttpClient.Builder http(AwsSettings settings) {
        return ApacheHttpClient.builder().connectionTimeout(settings.connectTimeout())
                .socketTimeout(settings.attemptTimeout()).maxConnections(8);
    }

    private static ClientOverrideConfiguration override(AwsSettings settings, int maxAttempts) {
        return ClientOverrideConfiguration.builder()
                // The SDK's standard strategy (exponential backoff with jitter on throttling, 5xx,
                // timeouts and I/O errors), as for S3; only the number of attempts differs.
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(maxAttempts).build())
                .apiCallAttemptTimeout(settings.attemptTimeout())
                .build();
    }
}
