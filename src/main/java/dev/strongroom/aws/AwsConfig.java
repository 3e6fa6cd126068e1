package dev.strongroom.aws;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** How every AWS client is built; read by {@link S3ClientProducer}. Credentials come from the default chain. */
@ConfigMapping(prefix = "strongroom.aws")
public interface AwsConfig {

    /**
     * Overrides the endpoint of every AWS client, e.g. {@code http://127.0.0.1:4566} for a local
     * emulator (then S3 uses path-style addressing). Env: STRONGROOM_AWS_ENDPOINT. Unset on AWS.
     */
    Optional<String> endpoint();

    /** The region of the primary bucket and of every client without a region of its own. Env: STRONGROOM_AWS_REGION. */
    @WithDefault("eu-central-1")
    String region();

    /** Attempts per call, first one included, under the SDK's standard retry strategy (throttling, 5xx, timeouts). */
    @WithDefault("5")
    int maxAttempts();

    /** Longest single attempt; a stalled connection fails after this and is retried. */
    @WithDefault("PT2M")
    Duration attemptTimeout();

    /** Longest wait for a TCP connection. */
    @WithDefault("PT10S")
    Duration connectTimeout();
}
