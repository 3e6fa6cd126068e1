package dev.strongroom.snapshots;

import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.Tag;
import java.util.TreeMap;

/**
 * One EBS snapshot as ops see it.
 *
 * @param policyId the DLM policy that took it (tag aws:dlm:lifecycle-policy-id), null for a manual one
 * @param schedule the DLM schedule (tag strongroom:schedule, added by the policy), null when absent
 */
public record SnapshotView(String snapshotId, String volumeId, String state, String progress, Instant startTime,
        Integer volumeSizeGiB, Boolean encrypted, String policyId, String schedule, String description,
        Map<String, String> tags) {

    static final String DLM_POLICY_TAG = "aws:dlm:lifecycle-policy-id";
    static final String SCHEDULE_TAG = "strongroom:schedule";

    static SnapshotView of(Snapshot s) {
        Map<String, String> tags = new TreeMap<>();
        if (s.tags() != null) {
            for (Tag t : s.tags()) {
                tags.put(t.key(), t.value());
            }
        }
        return new SnapshotView(s.snapshotId(), s.volumeId(), s.stateAsString(), s.progress(), s.startTime(),
                s.volumeSize(), s.encrypted(), tags.get(DLM_POLICY_TAG), tags.get(SCHEDULE_TAG), s.description(),
                tags);
    }

    boolean completed() {
        return "completed".equals(state);
    }
}
