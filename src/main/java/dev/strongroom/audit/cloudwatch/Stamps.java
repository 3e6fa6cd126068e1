package dev.strongroom.audit.cloudwatch;

import java.time.Clock;
import java.time.Duration;

/**
 * The timestamp each log event gets. It is the event's own time, except that it never goes below
 * the previous event's stamp (so the stream's time order is the sequence order even when the clock
 * stepped back) nor below {@code now - maxAge} (CloudWatch drops events older than 14 days or than
 * the group's retention). The message keeps the event's real time either way.
 */
final class Stamps {

    private final Clock clock;
    private final Duration maxAge;
    private long last;
    private long floor;

    Stamps(Clock clock, Duration maxAge, long last) {
        this.clock = clock;
        this.maxAge = maxAge;
        this.last = last;
    }

    long next(long eventMillis) {
        long now = clock.millis();
        last = Math.max(last, Math.max(eventMillis, Math.max(floor, now - maxAge.toMillis())));
        return last;
    }

    /** Restarts from a confirmed stamp, after a failure dropped what was prepared beyond it. */
    void resetTo(long confirmed) {
        last = confirmed;
    }

    /**
     * CloudWatch refused events as too old although they were within {@code maxAge} (the group's
     * retention is shorter): from now on nothing is stamped earlier than the moment of refusal.
     */
    void raiseFloorToNow() {
        floor = clock.millis();
    }
}
