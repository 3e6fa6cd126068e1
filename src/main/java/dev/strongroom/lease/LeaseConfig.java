package dev.strongroom.lease;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How long a once-per-vault job's lease lasts (read by {@link CatalogJobLease}). */
@ConfigMapping(prefix = "strongroom.lease")
public interface LeaseConfig {

    /**
     * How long a lease lasts unless its holder renews it; the holder renews it every third of this. A crashed
     * host's job waits at most this long before another host may run it. Env STRONGROOM_LEASE_DURATION.
     */
    @WithDefault("2m")
    Duration duration();
}
