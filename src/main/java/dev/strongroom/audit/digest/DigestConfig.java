package dev.strongroom.audit.digest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Signed audit digests; read by {@link DigestScheduler}. They go to strongroom.backup.bucket. */
@ConfigMapping(prefix = "strongroom.audit.digest")
public interface DigestConfig {

    /** When hourly digests are written (Quartz cron); "off" leaves only the digest at shutdown. */
    @WithDefault("0 0 * * * ?")
    String cron();

    /** How long a stop waits for the shutdown digest to reach the bucket. */
    @WithDefault("PT15S")
    Duration shutdownTimeout();
}
