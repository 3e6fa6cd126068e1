package dev.strongroom.audit.cloudwatch;

import dev.strongroom.VaultConfig;
import dev.strongroom.audit.AnchorReading;
import dev.strongroom.audit.JournalAnchor;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogStream;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/**
 * CloudWatch Logs as an anchor: the shipping checkpoint on the volume (the newest event CloudWatch
 * confirmed), and the newest event of every epoch of this vault's stream, read from CloudWatch.
 */
@ApplicationScoped
public class CloudWatchAnchor implements JournalAnchor {

    static final String NAME = "CloudWatch stream";

    private final CloudWatchAuditConfig config;
    private final CloudWatchLogsClient logs;
    private final Path checkpointFile;

    public CloudWatchAnchor(CloudWatchAuditConfig config, CloudWatchLogsClient logs, VaultConfig vault) {
        this.config = config;
        this.logs = logs;
        this.checkpointFile = vault.dataDir().resolve("audit").resolve("cloudwatch").resolve(AuditShipping.CHECKPOINT);
    }

    @Override
    public List<AnchorReading> readLocal() {
        String name = "CloudWatch shipping checkpoint";
        return new CheckpointFile(checkpointFile).loadAny().filter(c -> c.seq() > 0)
                .map(c -> List.of(AnchorReading.read(name, List.of(new AnchorReading.Point(c.seq(), c.hash(),
                        "confirmed by CloudWatch in stream " + c.stream())), "confirmed up to event " + c.seq())))
                .orElse(List.of(AnchorReading.read(name, List.of(), "nothing confirmed yet")));
    }

    @Override
    public List<AnchorReading> readRemote() {
        if (!config.enabled()) {
            return List.of(AnchorReading.notConfigured(NAME, "audit shipping to CloudWatch Logs is off"));
        }
        String base = StreamName.of(config);
        try {
            List<AnchorReading.Point> points = new ArrayList<>();
            for (LogStream stream : logs.describeLogStreamsPaginator(b -> b.logGroupName(config.logGroup())
                    .logStreamNamePrefix(base)).logStreams()) {
                if (!StreamEpoch.ofBase(base, stream.logStreamName())) {
                    continue;
                }
                List<OutputLogEvent> last = logs.getLogEvents(b -> b.logGroupName(config.logGroup())
                        .logStreamName(stream.logStreamName()).startFromHead(false).limit(1)).events();
                if (last.isEmpty()) {
                    continue;
                }
                EventParts.Message message = EventParts.read(last.get(last.size() - 1).message());
                if (message != null) {
                    points.add(new AnchorReading.Point(message.seq(), message.hash(), "newest event of stream "
                            + stream.logStreamName()));
                }
            }
            return List.of(AnchorReading.read(NAME, points, points.isEmpty() ? "no events yet"
                    : points.size() + " stream(s) of " + base));
        } catch (ResourceNotFoundException e) {
            return List.of(AnchorReading.read(NAME, List.of(), "the log group " + config.logGroup() + " does not exist"));
        } catch (SdkException e) {
            return List.of(AnchorReading.unavailable(NAME, e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
    }
}
