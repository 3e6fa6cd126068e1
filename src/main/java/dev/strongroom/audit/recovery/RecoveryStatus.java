package dev.strongroom.audit.recovery;

import dev.strongroom.audit.AnchorReading;
import dev.strongroom.audit.ChainHead;
import java.util.List;

/**
 * Where the journal stands: writable or read-only and why, its head, the events held meanwhile, what
 * each anchor said at the last check, and a gap waiting for its second confirmation.
 *
 * @param missingFrom the first event the journal lacks that an anchor holds (0 when none)
 * @param missingTo the last such event
 */
public record RecoveryStatus(String state, ChainHead head, List<String> findings, int heldEvents, long missingFrom,
        long missingTo, String checkedAt, List<AnchorReading> anchors, GapProposal gapProposal) {
}
