package dev.strongroom.snapshots;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Snapshot;

/**
 * The data volume's snapshots through EC2 DescribeSnapshots: those of the current volume id, and
 * those the DLM policy tagged, which after a restore include the snapshots of the volume it
 * replaced (a restored volume has a new id). Newest first. SDK errors go to the caller.
 */
@ApplicationScoped
public class VolumeSnapshots {

    private final Ec2Client ec2;

    public VolumeSnapshots(Ec2Client ec2) {
        this.ec2 = ec2;
    }

    public List<SnapshotView> list(String volumeId, String policyId) {
        Map<String, SnapshotView> byId = new LinkedHashMap<>();
        describe(Filter.builder().name("volume-id").values(volumeId).build()).forEach(s -> byId.put(s.snapshotId(),
                SnapshotView.of(s)));
        if (policyId != null) {
            describe(Filter.builder().name("tag:" + SnapshotView.DLM_POLICY_TAG).values(policyId).build())
                    .forEach(s -> byId.putIfAbsent(s.snapshotId(), SnapshotView.of(s)));
        }
        return byId.values().stream().sorted(Comparator.comparing(SnapshotView::startTime,
                Comparator.nullsLast(Comparator.reverseOrder()))).toList();
    }

    public Optional<SnapshotView> find(String snapshotId) {
        return ec2.describeSnapshotsPaginator(b -> b.snapshotIds(snapshotId)).snapshots().stream()
                .map(SnapshotView::of).findFirst();
    }

    private List<Snapshot> describe(Filter filter) {
        return ec2.describeSnapshotsPaginator(b -> b.ownerIds("self").filters(filter)).snapshots().stream().toList();
    }
}
