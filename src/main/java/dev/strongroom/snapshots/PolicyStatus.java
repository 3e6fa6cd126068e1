package dev.strongroom.snapshots;

import java.time.Instant;
import java.util.List;

/**
 * The DLM policy as last read, judged against policies/dlm-policy.json.
 *
 * @param policyId null when no policy was found
 * @param state ENABLED, DISABLED or ERROR as DLM reports it; "MISSING" or "UNKNOWN" (DLM not reachable)
 * @param copyRegions regions the policy copies snapshots to
 * @param findings one sentence per way the policy falls short; empty when compliant
 */
public record PolicyStatus(String policyId, String state, boolean compliant, List<String> schedules,
        List<String> copyRegions, Instant checkedAt, List<String> findings) {
}
