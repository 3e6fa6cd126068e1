package dev.strongroom.aws;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * What {@link S3ClientFactory} needs, free of CDI so the restore command (which runs without the
 * vault) builds its clients exactly as the vault does.
 */
public record AwsSettings(Optional<URI> endpoint, int maxAttempts, Duration attemptTimeout, Duration connectTimeout) {

    public static AwsSettings of(AwsConfig config) {
        return new AwsSettings(config.endpoint().filter(e -> !e.isBlank()).map(URI::create), config.maxAttempts(),
                config.attemptTimeout(), config.connectTimeout());
    }

    /** Defaults matching {@link AwsConfig}, with the endpoint from STRONGROOM_AWS_ENDPOINT when set. */
    public static AwsSettings fromEnvironment() {
        String endpoint = System.getenv("STRONGROOM_AWS_ENDPOINT");
        return new AwsSettings(Optional.ofNullable(endpoint).filter(e -> !e.isBlank()).map(URI::create), 5,
                Duration.ofMinutes(2), Duration.ofSeconds(10));
    }

    public AwsSettings withEndpoint(String override) {
        return new AwsSettings(Optional.ofNullable(override).filter(e -> !e.isBlank()).map(URI::create), maxAttempts,
                attemptTimeout, connectTimeout);
    }
}
