package dev.strongroom.audit.cloudwatch;

import dev.strongroom.audit.JournalEntry;
import dev.strongroom.audit.JournalSegments;
import dev.strongroom.audit.JournalTail;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.LongSupplier;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.cloudwatchlogs.model.RejectedLogEventsInfo;

/**
 * Ships the journal to one log stream, in sequence order, one batch at a time, each journal line
 * unchanged as the log event's message.
 * <p>
 * Contract, for the one thread that drives it:
 * <ul>
 * <li>{@link #shipAvailable} sends every durable event not yet confirmed and returns how many it
 * sent; when a call fails it throws, and the caller waits (backoff) and calls again. Nothing is
 * ever skipped: the next call starts again right after the last confirmed event.</li>
 * <li>The checkpoint moves, durably, only after CloudWatch accepted a batch.</li>
 * <li>After a failure, and at the first call, the shipper <em>resyncs</em> before sending: it reads
 * the stream after the checkpoint and counts the events already there (a batch that timed out but
 * was stored, or one stored just before a crash, before its checkpoint was written) as confirmed,
 * if they are the journal's lines byte for byte. So a send is repeated only when the stream does
 * not show it, and a repeat is harmless anyway: readers keep one event per sequence number.</li>
 * </ul>
 */
public final class AuditShipper implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(AuditShipper.class);

    private final JournalTail tail;
    private final AuditLogStream stream;
    private final CheckpointFile checkpoints;
    private final BatchLimits limits;
    private final BatchBuilder batches;
    private final Stamps stamps;
    private final Clock clock;
    private volatile ShipCheckpoint checkpoint;
    private volatile Instant oldestUnconfirmed;
    private boolean resync = true;
    private long batchesSent;

    public AuditShipper(JournalSegments segments, LongSupplier durableSeq, AuditLogStream stream, Path checkpointFile,
            BatchLimits limits, Duration maxEventAge, Clock clock) {
        this.tail = new JournalTail(segments, durableSeq);
        this.stream = stream;
        this.checkpoints = new CheckpointFile(checkpointFile);
        this.limits = limits;
        this.batches = new BatchBuilder(limits);
        this.clock = clock;
        this.checkpoint = checkpoints.load(stream.group(), stream.stream());
        this.stamps = new Stamps(clock, maxEventAge, checkpoint.stamp());
    }

    /** Sends what is durable and not yet confirmed; returns the number of journal events confirmed. */
    public long shipAvailable() {
        if (resync) {
            resync();
            resync = false;
        }
        long confirmed = 0;
        while (true) {
            LogBatch batch = batches.next(this::nextEntryAsParts);
            if (batch.isEmpty()) {
                oldestUnconfirmed = null;
                return confirmed;
            }
            oldestUnconfirmed = batch.parts().get(0).time();
            RejectedLogEventsInfo rejected;
            try {
                rejected = stream.put(batch.parts());
            } catch (RuntimeException e) {
                resync = true;
                throw e;
            }
            if (rejected != null && (rejected.tooOldLogEventEndIndex() != null
                    || rejected.expiredLogEventEndIndex() != null || rejected.tooNewLogEventStartIndex() != null)) {
                resync = true;
                throw refused(batch, rejected);
            }
            batchesSent++;
            if (batch.complete() != null) {
                checkpoint = checkpoint.after(batch.complete().seq(), batch.complete().hash(), batch.complete().stamp());
                checkpoints.save(checkpoint);
                confirmed += batch.parts().stream().filter(LogPart::last).count();
            }
        }
    }

    private List<LogPart> nextEntryAsParts() {
        JournalEntry entry = tail.next();
        if (entry == null) {
            return null;
        }
        return EventParts.of(entry, stamps.next(entry.time().toEpochMilli()), limits.maxMessageBytes());
    }

    /**
     * Starts again from the checkpoint: drops what was prepared, reads the stream after the
     * checkpoint and adopts the events CloudWatch already holds in unbroken sequence.
     */
    private void resync() {
        batches.reset();
        stamps.resetTo(checkpoint.stamp());
        tail.seekAfter(checkpoint.seq());
        JournalEntry next = tail.peek();
        oldestUnconfirmed = next == null ? null : next.time();
        stream.ensureExists();
        ShipCheckpoint[] at = { checkpoint };
        StreamEvents.read(stream, checkpoint.seq() == 0 ? 0 : checkpoint.stamp(), event -> {
            if (event.seq() <= at[0].seq()) {
                return true;
            }
            if (event.seq() != at[0].seq() + 1) {
                return false;
            }
            JournalEntry expected = tail.peek();
            if (expected == null || expected.seq() != event.seq() || !expected.line().equals(event.line())) {
                LOG.errorf("The audit log stream %s holds event %d, but not as the journal has it (or the journal has "
                        + "not made it durable); sending the journal's event", stream.stream(), event.seq());
                return false;
            }
            tail.next();
            at[0] = at[0].after(event.seq(), expected.hash(), event.stamp());
            return true;
        });
        if (at[0].seq() > checkpoint.seq()) {
            LOG.infof("Audit shipping to %s: events %d to %d were already in the stream (sent before a failure or stop "
                    + "that came before their checkpoint); not sending them again", stream.stream(),
                    checkpoint.seq() + 1, at[0].seq());
            checkpoint = at[0];
            checkpoints.save(checkpoint);
            stamps.resetTo(checkpoint.stamp());
        }
        JournalEntry first = tail.peek();
        oldestUnconfirmed = first == null ? null : first.time();
    }

    private RuntimeException refused(LogBatch batch, RejectedLogEventsInfo rejected) {
        if (rejected.tooOldLogEventEndIndex() != null || rejected.expiredLogEventEndIndex() != null) {
            // Older than the group's retention although within max-event-age: stamp the re-send
            // no earlier than now. Events CloudWatch took after the refused ones are sent again.
            stamps.raiseFloorToNow();
        }
        return new RefusedEvents("CloudWatch refused events of a batch of seq " + batch.parts().get(0).seq() + " to "
                + batch.parts().get(batch.parts().size() - 1).seq() + " (" + rejected
                + "); they are sent again" + (rejected.tooNewLogEventStartIndex() != null
                        ? " once the clock has caught up with their timestamps" : " stamped with the current time"));
    }

    /** The last event CloudWatch confirmed. */
    public ShipCheckpoint checkpoint() {
        return checkpoint;
    }

    /** The time of the oldest durable event not yet confirmed, null when none waits. */
    public Instant oldestUnconfirmed() {
        return oldestUnconfirmed;
    }

    /** Seconds the oldest unconfirmed event has waited; 0 when all are confirmed. */
    public long lagSeconds() {
        Instant oldest = oldestUnconfirmed;
        return oldest == null ? 0 : Math.max(0, Duration.between(oldest, clock.instant()).toSeconds());
    }

    public long batchesSent() {
        return batchesSent;
    }

    public AuditLogStream stream() {
        return stream;
    }

    @Override
    public void close() {
        tail.close();
    }

    /** CloudWatch took the batch but refused some of its events; they are sent again. */
    public static class RefusedEvents extends RuntimeException {
        RefusedEvents(String message) {
            super(message);
        }
    }
}
