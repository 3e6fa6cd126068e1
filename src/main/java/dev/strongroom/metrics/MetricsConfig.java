package dev.strongroom.metrics;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Operational metrics sent to CloudWatch; read by {@link MetricsPublisher}. */
@ConfigMapping(prefix = "strongroom.metrics")
public interface MetricsConfig {

    /** Off only where no CloudWatch is reachable on purpose; the alarms in deploy/cloudwatch.yaml need these. */
    @WithDefault("true")
    boolean enabled();

    /** The CloudWatch namespace (deploy/cloudwatch.yaml's alarms read the same one). */
    @WithDefault("Strongroom")
    String namespace();

    /** How often the metrics are sent (a Quarkus scheduler period); the alarms use 5-minute periods. */
    @WithDefault("60s")
    String every();
}
