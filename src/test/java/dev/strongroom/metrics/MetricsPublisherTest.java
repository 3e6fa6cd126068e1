package dev.strongroom.metrics;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strongroom.backup.MotoEmulator;
import dev.strongroom.backup.MotoTestResource;
import dev.strongroom.support.RequiresEmulator;
import dev.strongroom.support.Samples;
import dev.strongroom.support.Vault;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;

@RequiresEmulator
@QuarkusTest
class MetricsPublisherTest {

    @Inject
    MetricsPublisher publisher;

    @Test
    void countsFromTheJournalAndGaugesAreSentAndReadableBackWithGetMetricData() throws IOException {
        Instant start = Instant.now().minus(Duration.ofMinutes(2));
        assertTrue(publisher.publish() != null, "a first period takes whatever earlier tests counted");
        String alice = Vault.user("alice", "analyst");
        for (int i = 0; i < 3; i++) {
            given().auth().preemptive().basic(alice, "not-her-password").get("/api/documents").then().statusCode(401);
        }
        damagedBlobIsDownloaded(alice);

        Map<String, Double> sent = publisher.publish();
        assertEquals(MetricNames.ALL, List.copyOf(sent.keySet()));
        assertEquals(3.0, sent.get(MetricNames.LOGIN_FAILURES), "three failed sign-ins: " + sent);
        assertEquals(1.0, sent.get(MetricNames.INTEGRITY_FAILURES), "one blob failed its check: " + sent);
        assertTrue(sent.get(MetricNames.FREE_DISK_PERCENT) > 0 && sent.get(MetricNames.FREE_DISK_PERCENT) <= 100);
        assertTrue(sent.get(MetricNames.DOCUMENTS_PENDING_BACKUP) >= 0);

        try (CloudWatchClient cloudWatch = client()) {
            List<MetricDataQuery> queries = MetricNames.ALL.stream().map(name -> MetricDataQuery.builder()
                    .id(name.substring(0, 1).toLowerCase() + name.substring(1))
                    .metricStat(s -> s.metric(m -> m.namespace("Strongroom").metricName(name)).period(60)
                            .stat(name.endsWith("Failures") ? "Sum" : "Maximum"))
                    .build()).toList();
            GetMetricDataResponse data = cloudWatch.getMetricData(b -> b.metricDataQueries(queries).startTime(start)
                    .endTime(Instant.now().plus(Duration.ofMinutes(1))));
            assertEquals(MetricNames.ALL.size(), data.metricDataResults().size());
            for (MetricDataResult result : data.metricDataResults()) {
                assertFalse(result.values().isEmpty(), "no data for " + result.id());
            }
            assertTrue(sum(data, "loginFailures") >= 3, data.toString());
            assertTrue(sum(data, "integrityFailures") >= 1, data.toString());
        }
    }

    /** A blob that vanished before its backup: the download is refused and the failed repair audited. */
    private static void damagedBlobIsDownloaded(String alice) throws IOException {
        byte[] bytes = Samples.text(2_345);
        String id = Vault.upload(alice, "vanishing.txt", bytes).then().statusCode(201).extract().path("id");
        Path blob;
        Path blobs = Path.of(ConfigProvider.getConfig().getValue("strongroom.data-dir", String.class), "blobs");
        try (Stream<Path> files = Files.walk(blobs)) {
            blob = files.filter(p -> p.getFileName().toString().equals(Samples.sha256(bytes))).findFirst().orElseThrow();
        }
        Files.delete(blob);
        try {
            Vault.as(alice).get("/api/documents/" + id + "/content").then().statusCode(503);
        } finally {
            // Put the bytes back, or later backup runs in this shared app would (rightly) fail on them.
            Files.write(blob, bytes);
        }
    }

    private static double sum(GetMetricDataResponse data, String id) {
        return data.metricDataResults().stream().filter(r -> r.id().equals(id)).flatMap(r -> r.values().stream())
                .mapToDouble(Double::doubleValue).sum();
    }

    private static CloudWatchClient client() {
        return CloudWatchClient.builder().region(Region.of(MotoEmulator.REGION))
                .endpointOverride(URI.create(MotoTestResource.emulator().endpoint()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(MotoEmulator.ACCESS_KEY,
                        MotoEmulator.ACCESS_KEY)))
                .build();
    }
}
