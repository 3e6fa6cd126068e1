package dev.strongroom.retention;

import io.smallrye.config.ConfigMapping;
import java.nio.file.Path;
import java.util.Optional;

/** Where the retention schedule comes from; read by {@link RetentionPolicy}. */
@ConfigMapping(prefix = "strongroom.retention")
public interface RetentionConfig {

    /** A retention.yaml on disk; when absent, the policies/retention.yaml built into the application. */
    Optional<Path> policyFile();
}
