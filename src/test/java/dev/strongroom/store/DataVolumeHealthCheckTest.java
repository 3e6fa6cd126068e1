package dev.strongroom.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.strongroom.support.TestConfigs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ready only while the data volume takes a durable write and has the configured room left. */
class DataVolumeHealthCheckTest {

    @TempDir
    Path data;

    @Test
    void aWritableVolumeWithRoomIsUpAndLeavesNoProbeBehind() throws IOException {
        HealthCheckResponse health = check(1);

        assertEquals(HealthCheckResponse.Status.UP, health.getStatus());
        assertEquals("data-volume", health.getName());
        Map<String, Object> facts = health.getData().orElseThrow();
        assertEquals(true, facts.get("writable"));
        assertEquals(1L, facts.get("minFreeBytes"));
        assertEquals(data.toAbsolutePath().toString(), facts.get("path"));
        try (Stream<Path> left = Files.list(data.resolve("tmp"))) {
            assertEquals(List.of(), left.toList());
        }
    }

    @Test
    void aVolumeBelowItsFreeSpaceThresholdIsDown() {
        HealthCheckResponse health = check(Long.MAX_VALUE);

        assertEquals(HealthCheckResponse.Status.DOWN, health.getStatus());
        assertEquals("free space below threshold", health.getData().orElseThrow().get("problem"));
        assertEquals(true, health.getData().orElseThrow().get("writable"));
    }

    @Test
    void aVolumeThatTakesNoWriteIsDown() throws IOException {
        BlobStore store = new BlobStore(TestConfigs.vault(data));

        HealthCheckResponse health = new DataVolumeHealthCheck(store, () -> 1).call();

        assertEquals(HealthCheckResponse.Status.DOWN, health.getStatus());
        assertEquals(false, health.getData().orElseThrow().get("writable"));
    }

    private HealthCheckResponse check(long minFree) {
        BlobStore store = new BlobStore(TestConfigs.vault(data));
        store.cleanUpAtStart(null);
        return new DataVolumeHealthCheck(store, () -> minFree).call();
    }
}
