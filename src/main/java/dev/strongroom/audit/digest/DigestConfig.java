package dev.strongroom.audit.digest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Signed audit digests; read by {@link DigestScheduler}. They go to strongroom.backup.bucket. */
@ConfigMapping(prefix = "strongroom.audit.digest")
public interface DigestConfig {

    /**
     * How often a rolling digest is written when there are new events (a Quarkus duration such as
     * {@code 5m}); "off" leaves only the digest at shutdown and on demand. Env: STRONGROOM_AUDIT_DIGEST_EVERY.
     */
    @WithDefault("5m")
    String every();

    /** How long a stop waits for the shutdown digest to reach the bucket. */
    @WithDefault("PT15S")
    Duration shutdownTimeout();
}
