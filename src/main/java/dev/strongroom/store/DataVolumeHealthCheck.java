package dev.strongroom.store;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready only when the data volume takes a durable write and has room for more. */
@Readiness
@ApplicationScoped
public class DataVolumeHealthCheck implements HealthCheck {

    private final BlobStore store;
    private final StoreConfig config;

    public DataVolumeHealthCheck(BlobStore store, StoreConfig config) {
        this.store = store;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder health = HealthCheckResponse.named("data-volume")
                .withData("path", store.root().toAbsolutePath().toString());
        try {
            long free = Files.getFileStore(store.root()).getUsableSpace();
            health.withData("freeBytes", free).withData("minFreeBytes", config.minFreeBytes());
            Path probe = store.root().resolve("tmp").resolve("health-probe-" + Thread.currentThread().getId());
            try (FileChannel channel = FileChannel.open(probe, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.DELETE_ON_CLOSE)) {
                channel.write(ByteBuffer.wrap(new byte[] { 1 }));
                channel.force(true);
            }
            health.withData("writable", true);
            if (free < config.minFreeBytes()) {
                return health.down().withData("problem", "free space below threshold").build();
            }
            return health.up().build();
        } catch (IOException e) {
            return health.down().withData("writable", false).withData("problem", String.valueOf(e.getMessage())).build();
        }
    }
}
