package dev.strongroom.aws;

import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * The settings every non-S3 client shares with {@link S3ClientFactory}: region, default credential
 * chain, the blocking Apache HTTP client with our timeouts, and the SDK's standard retry strategy
 * with our attempt count. Kept in one place so EC2 and DLM calls retry exactly like S3 calls.
 */
public final class SdkClientTuning {

    private SdkClientTuning() {
    }

    public static <B extends AwsSyncClientBuilder<B, ?> & AwsClientBuilder<B, ?>> B apply(B builder,
            AwsSettings settings, String region) {
        builder.region(Region.of(region))
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .httpClientBuilder(ApacheHttpClient.builder()
                        .connectionTimeout(settings.connectTimeout())
                        .socketTimeout(settings.attemptTimeout())
                        .maxConnections(8))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(settings.maxAttempts()).build())
                        .apiCallAttemptTimeout(settings.attemptTimeout())
                        .build());
        settings.endpoint().ifPresent(builder::endpointOverride);
        return builder;
    }
}
