package dev.strongroom.audit.cloudwatch;

import dev.strongroom.audit.JournalSegments;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogStream;

/**
 * The journal lines CloudWatch holds after a sequence number, from every epoch of this vault's stream:
 * the copy recovery restores a lost tail from. Every copy of a number is kept, since two epochs may
 * hold different events under it; recovery keeps only those that continue the journal's chain.
 */
@ApplicationScoped
public class StreamCopiesAfter {

    private final CloudWatchAuditConfig config;
    private final CloudWatchLogsClient logs;

    public StreamCopiesAfter(CloudWatchAuditConfig config, CloudWatchLogsClient logs) {
        this.config = config;
        this.logs = logs;
    }

    /** Lines by sequence number, each with the streams' copies in stream order. */
    public Map<Long, List<String>> after(long seq) {
        if (!config.enabled()) {
            throw new IllegalStateException("audit shipping to CloudWatch Logs is off (strongroom.audit.cloudwatch"
                    + ".enabled=false), so CloudWatch holds no copy to restore from");
        }
        String base = StreamName.of(config);
        Map<Long, List<String>> copies = new TreeMap<>();
        for (LogStream stream : logs.describeLogStreamsPaginator(b -> b.logGroupName(config.logGroup())
                .logStreamNamePrefix(base)).logStreams()) {
            if (!StreamEpoch.ofBase(base, stream.logStreamName())) {
                continue;
            }
            AuditLogStream reader = new AuditLogStream(logs, logs, config.logGroup(), stream.logStreamName());
            StreamEvents.read(reader, 0, event -> {
                if (event.seq() > seq && JournalSegments.seqOf(event.line()) == event.seq()) {
                    List<String> known = copies.computeIfAbsent(event.seq(), s -> new ArrayList<>());
                    if (!known.contains(event.line())) {
                        known.add(event.line());
                    }
                }
                return true;
            });
        }
        return copies;
    }
}
