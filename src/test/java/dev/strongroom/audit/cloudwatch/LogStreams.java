package dev.strongroom.audit.cloudwatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;

/** Reads what a log stream holds with plain GetLogEvents calls, independent of the vault's own reader. */
final class LogStreams {

    static final String GROUP = "/strongroom/audit";
    private static final ObjectMapper JSON = new ObjectMapper();

    private LogStreams() {
    }

    static CloudWatchLogsClient client(String endpoint) {
        return CloudWatchLogsClient.builder().region(Region.of("eu-central-1")).endpointOverride(URI.create(endpoint))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("emulator", "emulator")))
                .build();
    }

    /** Every event of the stream, oldest first, paging with GetLogEvents until the token repeats. */
    static List<OutputLogEvent> events(CloudWatchLogsClient logs, String stream) {
        List<OutputLogEvent> all = new ArrayList<>();
        String token = null;
        while (true) {
            String previous = token;
            GetLogEventsResponse page = logs.getLogEvents(b -> b.logGroupName(GROUP).logStreamName(stream)
                    .startFromHead(true).nextToken(previous));
            all.addAll(page.events());
            token = page.nextForwardToken();
            if (token == null || token.equals(previous)) {
                return all;
            }
        }
    }

    /** The {@code seq} of each event's message, in stream order. */
    static List<Long> seqs(CloudWatchLogsClient logs, String stream) {
        return events(logs, stream).stream().map(e -> json(e.message()).get("seq").asLong()).toList();
    }

    static JsonNode json(String message) {
        try {
            return JSON.readTree(message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fails unless {@code seqs} is exactly 1..n in order. */
    static void assertExactlyOneToN(List<Long> seqs, long n) {
        List<String> problems = new ArrayList<>();
        long expected = 1;
        for (int i = 0; i < seqs.size() && problems.size() < 10; i++) {
            long seq = seqs.get(i);
            if (seq != expected) {
                problems.add("position " + i + " holds seq " + seq + ", expected " + expected);
                expected = seq;
            }
            expected++;
        }
        if (seqs.size() != n) {
            problems.add(seqs.size() + " events, expected " + n);
        }
        if (!problems.isEmpty()) {
            throw new AssertionError("the stream is not seq 1.." + n + " exactly once in order: " + problems);
        }
    }
}
