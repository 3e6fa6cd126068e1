package dev.strongroom.audit.recovery;

import dev.strongroom.audit.AnchorReading;
import dev.strongroom.audit.ChainHead;
import dev.strongroom.audit.EventLine;
import dev.strongroom.audit.JournalSegments;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Picks, from a source's copies, the lines that continue the journal's chain from its head: for each
 * next number the copy whose {@code prevHash} is the previous line's hash and whose own hash holds,
 * stopping at the first number no copy continues. Then checks them against the anchors: every anchor
 * that names an event of the restored range must name the same hash, or nothing is restored.
 */
final class TailChain {

    private TailChain() {
    }

    static List<String> from(ChainHead head, Map<Long, List<String>> copies) {
        List<String> chain = new ArrayList<>();
        long seq = head.seq();
        String hash = head.hash();
        while (true) {
            List<String> candidates = copies.get(seq + 1);
            if (candidates == null) {
                return chain;
            }
            String next = null;
            for (String line : candidates) {
                String claimed = EventLine.claimedHash(line);
                if (claimed != null && claimed.equals(EventLine.computedHash(line)) && hash.equals(prevHashOf(line))) {
                    next = line;
                    break;
                }
            }
            if (next == null) {
                return chain;
            }
            chain.add(next);
            seq++;
            hash = EventLine.claimedHash(next);
        }
    }

    private static String prevHashOf(String line) {
        try {
            return EventLine.parse(line).prevHash();
        } catch (Exception e) {
            return null;
        }
    }

    /** The anchors that disagree with the restored lines; empty when every anchored event matches. */
    static List<String> disagreements(List<String> lines, List<AnchorReading> anchors) {
        List<String> problems = new ArrayList<>();
        for (AnchorReading reading : anchors) {
            for (AnchorReading.Point point : reading.points()) {
                if (point.hash() == null) {
                    continue;
                }
                for (String line : lines) {
                    if (JournalSegments.seqOf(line) == point.seq() && !point.hash().equals(EventLine.claimedHash(line))) {
                        problems.add("the copy of event " + point.seq() + " is not the event the " + reading.anchor()
                                + " holds (" + point.where() + ")");
                    }
                }
            }
        }
        return problems;
    }
}
