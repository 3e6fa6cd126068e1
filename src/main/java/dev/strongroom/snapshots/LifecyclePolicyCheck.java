package dev.strongroom.snapshots;

import dev.strongroom.backup.BackupConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dlm.DlmClient;
import software.amazon.awssdk.services.dlm.model.CrossRegionCopyRule;
import software.amazon.awssdk.services.dlm.model.LifecyclePolicy;
import software.amazon.awssdk.services.dlm.model.LifecyclePolicySummary;
import software.amazon.awssdk.services.dlm.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dlm.model.ResourceTypeValues;
import software.amazon.awssdk.services.dlm.model.Schedule;

/**
 * Reads the data volume's DLM policy (GetLifecyclePolicy by the configured id, else
 * GetLifecyclePolicies by the target tag) and reports every way it falls short of
 * policies/dlm-policy.json: missing, not ENABLED, not targeting the tag, a required schedule absent
 * or keeping fewer snapshots, no cross-region copy (or not to the replica region). Never throws: an
 * unreachable DLM is a finding, since "unknown" must not read as "fine".
 */
@ApplicationScoped
public class LifecyclePolicyCheck {

    private final DlmClient dlm;
    private final SnapshotConfig config;
    private final BackupConfig backup;
    private final ExpectedPolicy expected = ExpectedPolicy.load();

    public LifecyclePolicyCheck(DlmClient dlm, SnapshotConfig config, BackupConfig backup) {
        this.dlm = dlm;
        this.config = config;
        this.backup = backup;
    }

    public PolicyStatus check() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        LifecyclePolicy policy;
        try {
            Optional<String> id = config.policyId().filter(p -> !p.isBlank()).or(this::findByTargetTag);
            if (id.isEmpty()) {
                return missing(null, now, "no DLM lifecycle policy targets volumes tagged " + config.targetTag()
                        + ": the data volume gets no snapshots");
            }
            try {
                policy = dlm.getLifecyclePolicy(b -> b.policyId(id.get())).policy();
            } catch (ResourceNotFoundException e) {
                return missing(id.get(), now, "the DLM lifecycle policy " + id.get() + " does not exist");
            }
        } catch (SdkException e) {
            return new PolicyStatus(config.policyId().orElse(null), "UNKNOWN", false, List.of(), List.of(), now,
                    List.of("DLM could not be reached, so the snapshot policy is unknown: " + e.getMessage()));
        }
        return judge(policy, now);
    }

    private Optional<String> findByTargetTag() {
        List<LifecyclePolicySummary> found = dlm.getLifecyclePolicies(b -> b.targetTags(config.targetTag())
                .resourceTypes(ResourceTypeValues.VOLUME)).policies();
        // An ENABLED policy wins over a DISABLED leftover with the same tag.
        return found.stream().sorted((a, b) -> Boolean.compare("ENABLED".equals(b.stateAsString()),
                "ENABLED".equals(a.stateAsString()))).map(LifecyclePolicySummary::policyId).findFirst();
    }

    private static PolicyStatus missing(String id, Instant now, String finding) {
        return new PolicyStatus(id, "MISSING", false, List.of(), List.of(), now, List.of(finding));
    }

    PolicyStatus judge(LifecyclePolicy policy, Instant now) {
        List<String> findings = new ArrayList<>();
        String id = policy.policyId();
        if (!"ENABLED".equals(policy.stateAsString())) {
            findings.add("the DLM policy " + id + " is " + policy.stateAsString() + ", not ENABLED: no snapshots are "
                    + "being taken" + (policy.statusMessage() == null ? "" : " (" + policy.statusMessage() + ")"));
        }
        var details = policy.policyDetails();
        List<Schedule> schedules = details == null || details.schedules() == null ? List.of() : details.schedules();
        boolean targetsTag = details != null && details.targetTags() != null && details.targetTags().stream()
                .anyMatch(t -> t.key().equals(expected.tagKey()) && t.value().equals(expected.tagValue()));
        if (!targetsTag) {
            findings.add("the DLM policy " + id + " does not target volumes tagged " + expected.tagKey() + "="
                    + expected.tagValue());
        }
        List<String> copyRegions = new ArrayList<>();
        String replicaRegion = backup.replicaRegion().filter(r -> !r.isBlank()).orElse(null);
        for (ExpectedPolicy.Schedule want : expected.schedules()) {
            Schedule have = schedules.stream().filter(s -> want.name().equals(s.name())).findFirst().orElse(null);
            if (have == null) {
                findings.add("the DLM policy " + id + " has no '" + want.name() + "' schedule");
                continue;
            }
            int kept = have.retainRule() == null || have.retainRule().count() == null ? 0 : have.retainRule().count();
            if (kept < want.retainCount()) {
                findings.add("the '" + want.name() + "' schedule keeps " + kept + " snapshots, fewer than "
                        + want.retainCount());
            }
            List<CrossRegionCopyRule> copies = have.crossRegionCopyRules() == null ? List.of()
                    : have.crossRegionCopyRules();
            copies.forEach(c -> copyRegions.add(c.targetRegion() != null ? c.targetRegion() : c.target()));
            if (want.crossRegionCopy() && copies.isEmpty()) {
                findings.add("the '" + want.name() + "' schedule has no cross-region copy: a regional outage would "
                        + "take every snapshot with it");
            } else if (want.crossRegionCopy() && replicaRegion != null && copies.stream()
                    .noneMatch(c -> replicaRegion.equals(c.targetRegion()) || replicaRegion.equals(c.target()))) {
                findings.add("the '" + want.name() + "' schedule copies to " + copies.stream()
                        .map(c -> c.targetRegion() != null ? c.targetRegion() : c.target()).toList()
                        + ", not to the replica region " + replicaRegion);
            }
        }
        return new PolicyStatus(id, policy.stateAsString(), findings.isEmpty(),
                schedules.stream().map(Schedule::name).toList(), copyRegions.stream().distinct().toList(), now,
                List.copyOf(findings));
    }
}
