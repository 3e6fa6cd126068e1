package dev.strongroom.aws;

import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** Builds S3 clients one way for the vault and for the restore command. */
public final class S3ClientFactory {

    private S3ClientFactory() {
    }

    public static S3Client create(AwsSettings settings, String region) {
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(region))
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .httpClientBuilder(ApacheHttpClient.builder()
                        .connectionTimeout(settings.connectTimeout())
                        .socketTimeout(settings.attemptTimeout())
                        .maxConnections(32))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        // The SDK's own standard strategy: exponential backoff with jitter on
                        // throttling, 5xx, timeouts and I/O errors; we only choose how many attempts.
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(settings.maxAttempts()).build())
                        .apiCallAttemptTimeout(settings.attemptTimeout())
                        .build());
        settings.endpoint().ifPresent(endpoint -> builder.endpointOverride(endpoint)
                // Emulators serve every bucket on one host, so buckets go in the path.
                .forcePathStyle(true));
        return builder.build();
    }
}
