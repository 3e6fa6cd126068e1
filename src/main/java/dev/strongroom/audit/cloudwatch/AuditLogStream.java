package dev.strongroom.audit.cloudwatch;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.RejectedLogEventsInfo;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/**
 * One log stream of the audit log group, as the shipper, the consistency check and the CloudWatch
 * export use it.
 * <p>
 * Contract: {@link #put} makes exactly one attempt (the writing client does not retry), because a
 * PutLogEvents that timed out may still have been stored; the shipper finds out from the stream
 * before it sends again. Reads are safe to repeat and use the SDK's standard retries.
 */
public final class AuditLogStream {

    private static final Logger LOG = Logger.getLogger(AuditLogStream.class);

    private final CloudWatchLogsClient reads;
    private final CloudWatchLogsClient writes;
    private final String group;
    private final String stream;

    public AuditLogStream(CloudWatchLogsClient reads, CloudWatchLogsClient writes, String group, String stream) {
        this.reads = reads;
        this.writes = writes;
        this.group = group;
        this.stream = stream;
    }

    public String group() {
        return group;
    }

    public String stream() {
        return stream;
    }

    /** Creates the stream unless it exists. The group is not created: provisioning owns its retention and key. */
    void ensureExists() {
        try {
            reads.createLogStream(b -> b.logGroupName(group).logStreamName(stream));
            LOG.infof("Created the audit log stream %s in %s", stream, group);
        } catch (ResourceAlreadyExistsException e) {
            // the normal case after the first start
        } catch (ResourceNotFoundException e) {
            throw new MissingLogGroup(group, e);
        }
    }

    /** Sends one batch; returns what CloudWatch refused, or null when it took every event. */
    RejectedLogEventsInfo put(List<LogPart> parts) {
        List<InputLogEvent> events = parts.stream()
                .map(p -> InputLogEvent.builder().timestamp(p.stamp()).message(p.message()).build()).toList();
        PutLogEventsResponse response;
        try {
            response = writes.putLogEvents(b -> b.logGroupName(group).logStreamName(stream).logEvents(events));
        } catch (ResourceNotFoundException e) {
            // Nothing was stored; the shipper re-creates the stream and sends again.
            throw new MissingLogStream(group, stream, e);
        }
        return response.rejectedLogEventsInfo();
    }

    /**
     * Feeds the stream's events from {@code fromStamp} on (0: from the start), oldest first, until
     * {@code sink} returns false or the stream ends. Returns false when the stream does not exist.
     */
    boolean read(long fromStamp, Predicate<OutputLogEvent> sink) {
        String token = null;
        while (true) {
            String previous = token;
            GetLogEventsResponse page;
            try {
                page = reads.getLogEvents(b -> {
                    b.logGroupName(group).logStreamName(stream).startFromHead(true).nextToken(previous);
                    if (fromStamp > 0) {
                        b.startTime(fromStamp);
                    }
                });
            } catch (ResourceNotFoundException e) {
                return false;
            }
            for (OutputLogEvent event : page.events()) {
                if (!sink.test(event)) {
                    return true;
                }
            }
            token = page.nextForwardToken();
            // The service answers the token it was given once the end of the stream is reached.
            if (token == null || token.equals(previous)) {
                return true;
            }
        }
    }

    /** The newest event stamped before {@code stamp}, if any. */
    Optional<OutputLogEvent> lastBefore(long stamp) {
        try {
            List<OutputLogEvent> events = reads.getLogEvents(b -> b.logGroupName(group).logStreamName(stream)
                    .startFromHead(false).endTime(stamp).limit(1)).events();
            return events.isEmpty() ? Optional.empty() : Optional.of(events.get(events.size() - 1));
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    /** The log group does not exist: shipping cannot start until provisioning creates it. */
    public static class MissingLogGroup extends RuntimeException {
        MissingLogGroup(String group, Throwable cause) {
            super("the CloudWatch Logs group " + group + " does not exist; create it with deploy/cloudwatch.yaml "
                    + "(or deploy/local/provision.sh for an emulator)", cause);
        }
    }

    /** The stream vanished (deleted by someone); the shipper creates it again. */
    static class MissingLogStream extends RuntimeException {
        MissingLogStream(String group, String stream, Throwable cause) {
            super("the log stream " + stream + " in " + group + " does not exist", cause);
        }
    }
}
