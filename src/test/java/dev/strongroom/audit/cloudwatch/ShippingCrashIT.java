package dev.strongroom.audit.cloudwatch;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strongroom.audit.JournalFixture;
import dev.strongroom.backup.MotoEmulator;
import dev.strongroom.support.Vault;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;

/**
 * The packaged vault against a real moto_server: killed with SIGKILL while shipping a journal of
 * 25,000 events and started again, CloudWatch ends up with every event once, in order; then, after
 * a range of the stream's events is deleted, the consistency check reports exactly that range.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShippingCrashIT {

    private static final int EVENTS = 25_000;

    private MotoEmulator moto;
    private Path dataDir;
    private String stream;

    @BeforeAll
    void startEmulator() throws IOException {
        moto = MotoEmulator.startProvisioned();
        dataDir = Path.of("target", "it-shipping-" + UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath()
                .resolve("data");
        Files.createDirectories(dataDir);
        stream = "crash-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterAll
    void stopEmulator() {
        moto.close();
        RestAssured.reset();
    }

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>(moto.environment());
        // Shipping only: without a bucket the backup's posture check does not run at start, where it
        // would race the audit index catching up with the 25,000 fixture events (reported separately).
        env.remove("STRONGROOM_BACKUP_BUCKET");
        env.remove("STRONGROOM_BACKUP_REPLICA_BUCKET");
        env.put("STRONGROOM_BACKUP_CRON", "off");
        env.put("STRONGROOM_AUDIT_CLOUDWATCH_STREAM", stream);
        // Batches of 100 make 250 calls, so the kill lands mid-way.
        env.put("STRONGROOM_AUDIT_CLOUDWATCH_MAX_BATCH_EVENTS", "100");
        return env;
    }

    @Test
    @Order(1)
    void aVaultKilledMidShipResumesAfterRestartAndEveryEventIsInCloudWatchOnceInOrder() throws IOException {
        JournalFixture.append(dataDir.resolve("audit").resolve("journal"), EVENTS, Instant.now().minusSeconds(120));
        PackagedVault first = PackagedVault.start(dataDir, env(), "ship-killed");
        long killedAt;
        try {
            killedAt = awaitCheckpoint(3_000, Duration.ofMinutes(5), first);
        } finally {
            first.kill();
        }
        long checkpointAfterKill = checkpoint();
        assertTrue(checkpointAfterKill < EVENTS, "killed mid-ship, at seq " + checkpointAfterKill);

        PackagedVault second = PackagedVault.start(dataDir, env(), "ship-restarted").awaitReady();
        Instant resumed = Instant.now();
        try {
            awaitCheckpoint(EVENTS, Duration.ofMinutes(5), second);
            double seconds = Duration.between(resumed, Instant.now()).toMillis() / 1000.0;
            System.out.printf("MEASURED packaged vault: killed at checkpoint %d (saw %d), resumed and shipped the rest "
                    + "in %.1f s after ready%n", checkpointAfterKill, killedAt, seconds);
        } finally {
            second.stop();
        }
        long head = lastSeqOnDisk();
        assertTrue(head > EVENTS, "the vault added its own events (the first admin)");
        try (CloudWatchLogsClient logs = LogStreams.client(moto.endpoint())) {
            LogStreams.assertExactlyOneToN(LogStreams.seqs(logs, stream), head);
        }
        assertEquals(head, checkpoint(), "the stop shipped everything");
    }

    @Test
    @Order(2)
    void theConsistencyCheckReportsTheGapWhenTheStreamsEventsAreDeleted() {
        PackagedVault vault = PackagedVault.start(dataDir, env(), "check-intact").awaitReady();
        RestAssured.port = vault.port();
        String auditor;
        try {
            auditor = Vault.user("audrey", "auditor");
            JsonPath intact = check(auditor);
            assertEquals(true, intact.getBoolean("ok"), intact::prettify);
            assertTrue(intact.getLong("journalEvents") >= EVENTS, intact::prettify);
        } finally {
            vault.stop();
        }

        deleteFromStream(12_001, 12_500);

        vault = PackagedVault.start(dataDir, env(), "check-gap").awaitReady();
        RestAssured.port = vault.port();
        try {
            JsonPath report = check(auditor);
            assertEquals(false, report.getBoolean("ok"), report::prettify);
            assertEquals(1, report.getInt("findingCount"), report::prettify);
            assertEquals("missing", report.getString("findings[0].kind"));
            assertEquals(12_001, report.getLong("findings[0].fromSeq"));
            assertEquals(12_500, report.getLong("findings[0].toSeq"));
            assertEquals(report.getLong("journalEvents") - 500, report.getLong("cloudWatchEvents"), report::prettify);
            Vault.as(auditor).queryParam("action", "audit.cloudwatch.check").queryParam("outcome", "failure")
                    .get("/api/audit").then().statusCode(200)
                    .body("items[0].detail.firstFinding", org.hamcrest.Matchers.containsString("12001 to 12500"));
        } finally {
            vault.stop();
        }
    }

    private static JsonPath check(String auditor) {
        return Vault.as(auditor).queryParam("from", Instant.now().minus(Duration.ofHours(1)).toString())
                .post("/api/audit/cloudwatch/checks").then().statusCode(200).extract().jsonPath();
    }

    /** Someone with CloudWatch rights removes events: the stream is rebuilt without them. */
    private void deleteFromStream(long from, long to) {
        try (CloudWatchLogsClient logs = LogStreams.client(moto.endpoint())) {
            List<OutputLogEvent> kept = LogStreams.events(logs, stream).stream().filter(e -> {
                long seq = LogStreams.json(e.message()).get("seq").asLong();
                return seq < from || seq > to;
            }).toList();
            logs.deleteLogStream(b -> b.logGroupName(LogStreams.GROUP).logStreamName(stream));
            logs.createLogStream(b -> b.logGroupName(LogStreams.GROUP).logStreamName(stream));
            List<InputLogEvent> batch = new ArrayList<>();
            long bytes = 0;
            for (OutputLogEvent event : kept) {
                long size = event.message().length() + 26L;
                if (batch.size() == 10_000 || bytes + size > 1_000_000) {
                    put(logs, batch);
                    batch.clear();
                    bytes = 0;
                }
                batch.add(InputLogEvent.builder().timestamp(event.timestamp()).message(event.message()).build());
                bytes += size;
            }
            put(logs, batch);
        }
    }

    private void put(CloudWatchLogsClient logs, List<InputLogEvent> batch) {
        if (!batch.isEmpty()) {
            List<InputLogEvent> copy = List.copyOf(batch);
            logs.putLogEvents(b -> b.logGroupName(LogStreams.GROUP).logStreamName(stream).logEvents(copy));
        }
    }

    private long awaitCheckpoint(long seq, Duration timeout, PackagedVault vault) {
        try {
            return await("shipping reaches seq " + seq).atMost(timeout).pollInterval(Duration.ofMillis(20))
                    .until(this::checkpoint, at -> at >= seq);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("shipping did not reach seq " + seq + " (checkpoint " + checkpoint() + "):\n"
                    + vault.logTail(), e);
        }
    }

    private long checkpoint() {
        Path file = dataDir.resolve("audit").resolve("cloudwatch").resolve("checkpoint.json");
        try {
            if (!Files.exists(file)) {
                return 0;
            }
            JsonNode node = LogStreams.json(Files.readString(file));
            return node.get("seq").asLong();
        } catch (IOException e) {
            return 0;
        }
    }

    private long lastSeqOnDisk() {
        List<String> lines = JournalFixture.lines(dataDir.resolve("audit").resolve("journal"));
        return LogStreams.json(lines.get(lines.size() - 1)).get("seq").asLong();
    }
}
