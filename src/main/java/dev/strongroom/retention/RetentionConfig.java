package dev.strongroom.retention;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Optional;

/** Where the retention schedule comes from ({@link RetentionPolicy}), and how often disposed bytes are swept. */
@ConfigMapping(prefix = "strongroom.retention")
public interface RetentionConfig {

    /** A retention.yaml on disk; when absent, the policies/retention.yaml built into the application. */
    Optional<Path> policyFile();

    /**
     * How often each host removes the bytes of documents disposed of on another host from its volume
     * ({@link DisposedBytesSweep}); read by the scheduler as {@code strongroom.retention.sweep-every}.
     */
    @WithDefault("5m")
    String sweepEvery();
}
