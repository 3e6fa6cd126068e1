package dev.strongroom.audit.cloudwatch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Reads journal lines back from a log stream, in stream order: whole lines as they are, parts of an
 * oversized line joined once all of them arrived ({@link EventParts}). A part number seen again
 * before its event is complete means the shipper began sending that event again after a failure;
 * the new series replaces the old. Duplicated lines are passed on as they come; readers decide.
 */
final class StreamEvents {

    /** What was read besides journal lines: messages that are no journal line or part, and unfinished parts. */
    record Leftovers(long unrecognised, List<Long> incomplete) {
    }

    private StreamEvents() {
    }

    /**
     * @param sink gets each journal line; returns false to stop reading
     * @return null when the stream does not exist
     */
    static Leftovers read(AuditLogStream stream, long fromStamp, Predicate<ShippedEvent> sink) {
        Map<Long, List<EventParts.Message>> pending = new HashMap<>();
        long[] unrecognised = { 0 };
        boolean exists = stream.read(fromStamp, out -> {
            EventParts.Message message = EventParts.read(out.message());
            if (message == null) {
                unrecognised[0]++;
                return true;
            }
            if (message.whole()) {
                return sink.test(new ShippedEvent(message.seq(), message.line(), out.timestamp()));
            }
            List<EventParts.Message> parts = pending.computeIfAbsent(message.seq(), s -> new ArrayList<>());
            if (parts.stream().anyMatch(p -> p.part() == message.part())) {
                parts.clear();
            }
            parts.add(message);
            if (parts.size() == message.parts()) {
                pending.remove(message.seq());
                return sink.test(new ShippedEvent(message.seq(), EventParts.join(parts), out.timestamp()));
            }
            return true;
        });
        return exists ? new Leftovers(unrecognised[0], List.copyOf(new TreeSet<>(pending.keySet()))) : null;
    }
}
