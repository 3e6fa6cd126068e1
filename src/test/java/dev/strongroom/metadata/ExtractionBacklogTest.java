package dev.strongroom.metadata;

import static org.awaitility.Awaitility.await;

import dev.strongroom.support.Samples;
import dev.strongroom.support.Vault;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A burst of uploads larger than the light lane's queue is extracted at the extractor's speed, not a
 * sweep batch per period: the lane takes the documents left out of its queue from the catalog as it
 * drains. The sweep here runs once at start and then not for an hour, so only the refill can reach
 * the documents the full queue turned away.
 */
@QuarkusTest
@TestProfile(ExtractionBacklogTest.SmallQueueNoSweep.class)
class ExtractionBacklogTest {

    public static class SmallQueueNoSweep implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("strongroom.metadata.queue-capacity", "2", "strongroom.metadata.sweep-every", "1h",
                    "strongroom.metadata.yield-to-uploads", "0s");
        }
    }

    @Test
    void documentsBeyondTheLightQueueAreExtractedWithoutWaitingForTheSweep() {
        String alice = Vault.user("alice", "analyst");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ids.add(MetadataApiTest.upload(alice, "burst-" + i + ".txt", Samples.text(2_000 + i)));
        }
        await("all 12 documents extracted, long before the next sweep").atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                    for (String id : ids) {
                        Vault.as(alice).get("/api/documents/" + id).then().statusCode(200)
                                .body("metadataState", org.hamcrest.Matchers.equalTo("EXTRACTED"));
                    }
                });
    }
}
