package dev.strongroom.audit.cloudwatch;

import java.time.Duration;

/**
 * PutLogEvents' limits, enforced here because the service refuses (and an emulator may not) a batch
 * that breaks them: at most 10,000 events, at most 1,048,576 bytes counting each message's UTF-8
 * bytes plus {@value #EVENT_OVERHEAD} bytes per event, a span of less than 24 hours between the
 * oldest and newest timestamp, and at most 256 KiB per event (overhead included).
 */
public record BatchLimits(int maxEvents, int maxBytes, Duration maxSpan, int maxEventBytes) {

    public static final int EVENT_OVERHEAD = 26;
    public static final int SERVICE_MAX_EVENTS = 10_000;
    public static final int SERVICE_MAX_BYTES = 1_048_576;
    public static final Duration SERVICE_MAX_SPAN = Duration.ofHours(24);
    public static final int SERVICE_MAX_EVENT_BYTES = 262_144;

    public static final BatchLimits SERVICE = new BatchLimits(SERVICE_MAX_EVENTS, SERVICE_MAX_BYTES, SERVICE_MAX_SPAN,
            SERVICE_MAX_EVENT_BYTES);

    public BatchLimits {
        check(maxEvents >= 1 && maxEvents <= SERVICE_MAX_EVENTS, "max-batch-events must be 1 to 10000");
        check(maxBytes > EVENT_OVERHEAD && maxBytes <= SERVICE_MAX_BYTES, "max-batch-bytes must be 27 to 1048576");
        check(maxSpan.toMillis() > 0 && maxSpan.compareTo(SERVICE_MAX_SPAN) <= 0,
                "max-batch-span must be above 0 and at most 24 hours");
        check(maxEventBytes > EVENT_OVERHEAD && maxEventBytes <= Math.min(SERVICE_MAX_EVENT_BYTES, maxBytes),
                "max-event-bytes must be 27 to 262144 and not above max-batch-bytes");
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("strongroom.audit.cloudwatch." + message);
        }
    }

    /** The largest message one log event may carry. */
    int maxMessageBytes() {
        return maxEventBytes - EVENT_OVERHEAD;
    }
}
