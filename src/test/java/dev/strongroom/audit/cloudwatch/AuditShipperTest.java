package dev.strongroom.audit.cloudwatch;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strongroom.audit.EventLine;
import dev.strongroom.audit.JournalFixture;
import dev.strongroom.audit.JournalSegments;
import dev.strongroom.aws.SingleAttempt;
import dev.strongroom.backup.MotoEmulator;
import dev.strongroom.backup.MotoTestResource;
import dev.strongroom.catalog.H2PassOnly;
import dev.strongroom.support.Pacing;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.strongroom.support.RequiresEmulator;

/**
 * The shipper against the real emulator, on a journal of its own (written by {@link JournalFixture})
 * and a stream of its own, with the vault's CloudWatch Logs clients.
 */
@H2PassOnly("the shipper reads a journal of its own and writes to CloudWatch; no catalog in it")
@RequiresEmulator
@QuarkusTest
class AuditShipperTest {

    private static final int EVENTS = 25_000;

    @Inject
    CloudWatchLogsClient reads;

    @Inject
    @SingleAttempt
    CloudWatchLogsClient writes;

    @Test
    void ships25000EventsInSequenceOrderWithNoneMissingOrDuplicated() throws IOException {
        Path dir = workDir();
        JournalFixture.append(dir.resolve("journal"), EVENTS, Instant.now());
        String stream = "ship-" + UUID.randomUUID();
        try (AuditShipper shipper = shipper(dir, stream, BatchLimits.SERVICE)) {
            long started = System.nanoTime();
            long shipped = shipper.shipAvailable();
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("MEASURED audit shipping: %d events in %d batches in %.2f s = %.0f events/s%n", shipped,
                    shipper.batchesSent(), seconds, shipped / seconds);
            assertEquals(EVENTS, shipped);
            assertTrue(shipper.batchesSent() >= EVENTS * 300L / BatchLimits.SERVICE_MAX_BYTES,
                    "batches were cut by size, not sent whole: " + shipper.batchesSent());
            assertEquals(0, shipper.lagSeconds());
        }
        try (CloudWatchLogsClient logs = LogStreams.client(MotoTestResource.emulator().endpoint())) {
            LogStreams.assertExactlyOneToN(LogStreams.seqs(logs, stream), EVENTS);
        }
        JsonNode checkpoint = LogStreams.json(Files.readString(dir.resolve("checkpoint.json")));
        assertEquals(EVENTS, checkpoint.get("seq").asLong());
        assertEquals(stream, checkpoint.get("stream").asText());
    }

    @Test
    void shipsEveryEventExactlyOnceInOrderAcrossAnEmulatorOutage() throws Exception {
        Path dir = workDir();
        JournalFixture.append(dir.resolve("journal"), EVENTS, Instant.now());
        String stream = "outage-" + UUID.randomUUID();
        MotoEmulator moto = MotoTestResource.emulator();
        // Small batches, so that the outage falls in the middle of shipping.
        BatchLimits small = new BatchLimits(250, BatchLimits.SERVICE_MAX_BYTES, Duration.ofHours(24),
                BatchLimits.SERVICE_MAX_EVENT_BYTES);
        List<String> failures = new ArrayList<>();
        AtomicBoolean done = new AtomicBoolean();
        try (AuditShipper shipper = shipper(dir, stream, small)) {
            Thread loop = new Thread(() -> {
                while (shipper.checkpoint().seq() < EVENTS) {
                    try {
                        shipper.shipAvailable();
                    } catch (RuntimeException e) {
                        synchronized (failures) {
                            failures.add(e.getClass().getSimpleName());
                        }
                        Pacing.pause(Duration.ofMillis(500));
                    }
                }
                done.set(true);
            }, "test-shipper");
            loop.start();
            awaitCheckpoint(shipper, 2_000, Duration.ofMinutes(3));
            long before = shipper.checkpoint().seq();
            moto.freeze();
            try {
                // Until the frozen emulator made a call fail (after the SDK's attempt timeouts), however long that takes here.
                await("a call fails while the emulator is frozen").atMost(Duration.ofMinutes(5))
                        .pollInterval(Duration.ofMillis(100)).until(() -> {
                            synchronized (failures) {
                                return !failures.isEmpty();
                            }
                        });
            } finally {
                moto.resume();
            }
            loop.join(Duration.ofMinutes(5).toMillis());
            assertTrue(done.get(), "shipping finished after the outage, at seq " + shipper.checkpoint().seq());
            assertTrue(before < EVENTS, "the outage came mid-way");
            assertTrue(!failures.isEmpty(), "the outage made calls fail");
            System.out.printf("Outage at seq %d; %d failed rounds (%s) before shipping resumed%n", before,
                    failures.size(), failures);
        }
        try (CloudWatchLogsClient logs = LogStreams.client(moto.endpoint())) {
            LogStreams.assertExactlyOneToN(LogStreams.seqs(logs, stream), EVENTS);
        }
    }

    @Test
    void shipsAnOversizedEventAsPartsThatJoinToTheJournalLineWithItsHashIntact() {
        Path dir = workDir();
        Path journal = dir.resolve("journal");
        JournalFixture.append(journal, 3, Instant.now());
        String big = "x".repeat(500_000) + "é€";
        String line = JournalFixture.append(journal, 1, Instant.now(), Map.of("note", big)).get(0);
        JournalFixture.append(journal, 2, Instant.now());
        String stream = "oversized-" + UUID.randomUUID();
        try (AuditShipper shipper = shipper(dir, stream, BatchLimits.SERVICE)) {
            assertEquals(6, shipper.shipAvailable());
        }
        try (CloudWatchLogsClient logs = LogStreams.client(MotoTestResource.emulator().endpoint())) {
            List<OutputLogEvent> events = LogStreams.events(logs, stream);
            List<OutputLogEvent> parts = events.stream().filter(e -> LogStreams.json(e.message()).has("parts")).toList();
            // Base64 carries 3 bytes of the line in 4, so a part of at most 256 KiB holds about 196 kB.
            assertEquals(3, parts.size(), "500 kB in parts of at most 256 KiB");
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            for (int i = 0; i < parts.size(); i++) {
                JsonNode part = LogStreams.json(parts.get(i).message());
                assertEquals(4, part.get("seq").asLong());
                assertEquals(i + 1, part.get("part").asInt());
                assertEquals(3, part.get("parts").asInt());
                assertEquals(EventLine.claimedHash(line), part.get("hash").asText());
                assertEquals("fixture.event", part.get("action").asText(), "parts stay searchable by action");
                assertTrue(parts.get(i).message().getBytes(StandardCharsets.UTF_8).length
                        + BatchLimits.EVENT_OVERHEAD <= BatchLimits.SERVICE_MAX_EVENT_BYTES);
                bytes.writeBytes(Base64.getDecoder().decode(part.get("data").asText()));
            }
            String rebuilt = bytes.toString(StandardCharsets.UTF_8);
            assertEquals(line, rebuilt, "the parts join to the journal line byte for byte");
            assertEquals(EventLine.claimedHash(rebuilt), EventLine.computedHash(rebuilt), "its hash checks");
            assertEquals(List.of(1L, 2L, 3L, 4L, 4L, 4L, 5L, 6L),
                    events.stream().map(e -> LogStreams.json(e.message()).get("seq").asLong()).toList());
        }
    }

    private AuditShipper shipper(Path dir, String stream, BatchLimits limits) {
        return new AuditShipper(new JournalSegments(dir.resolve("journal")), () -> Long.MAX_VALUE,
                new AuditLogStream(reads, writes, LogStreams.GROUP, stream), dir.resolve("checkpoint.json"), limits,
                Duration.ofDays(13), Clock.systemUTC());
    }

    private static Path workDir() {
        Path dir = Path.of("target", "shipper-" + UUID.randomUUID()).toAbsolutePath();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return dir;
    }

    private static void awaitCheckpoint(AuditShipper shipper, long seq, Duration timeout) {
        await("shipping reaches seq " + seq).atMost(timeout).pollInterval(Duration.ofMillis(5))
                .until(() -> shipper.checkpoint().seq() >= seq);
    }
}
