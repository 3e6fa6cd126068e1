/**
 * Bringing a read-only audit journal back to a verifying chain (docs/audit-recovery.md).
 * <ul>
 * <li>A <em>re-check</em> reads the journal files again as at start and compares them with every
 * anchor: after an operator put a lost file back, it is all that is needed.</li>
 * <li>A <em>tail restore</em> appends, byte for byte, the events the journal lost from an outside
 * copy (the index, the segments in S3, CloudWatch), after checking that they continue the chain and
 * are the events the anchors hold.</li>
 * <li>A <em>gap</em> seals events lost for good: an admin and an auditor, two different people, each
 * confirm it, and the vault appends a signed {@code audit.gap} event numbered after the last lost one,
 * so no number is ever used twice.</li>
 * </ul>
 */
package dev.strongroom.audit.recovery;
