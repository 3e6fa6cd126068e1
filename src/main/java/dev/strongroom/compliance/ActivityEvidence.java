package dev.strongroom.compliance;

import dev.strongroom.audit.ActivityCounts;
import dev.strongroom.audit.AuditLogAction;
import dev.strongroom.audit.Outcome;
import dev.strongroom.catalog.DocumentAction;
import dev.strongroom.metadata.MetadataAction;
import dev.strongroom.security.SecurityAction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Who did what in the period, and what was refused, from the audit index. */
@ApplicationScoped
public class ActivityEvidence {

    private static final Set<String> UPLOADS = Set.of(DocumentAction.UPLOAD.action());
    private static final Set<String> VIEWS = Set.of(DocumentAction.VIEW.action(), MetadataAction.PREVIEW.action());
    private static final Set<String> DOWNLOADS = Set.of(DocumentAction.DOWNLOAD.action());
    private static final Set<String> EXPORTS = Set.of(AuditLogAction.EXPORT.action());
    private static final Set<String> REFUSED = Set.of(Outcome.DENIED.value(), Outcome.REJECTED.value());

    private final ActivityCounts counts;

    public ActivityEvidence(ActivityCounts counts) {
        this.counts = counts;
    }

    public record Activity(List<ComplianceReport.UserAccess> access, ComplianceReport.Security security) {
    }

    public Activity collect(Instant from, Instant to) {
        List<ActivityCounts.Tally> tallies = counts.between(from, to);
        Map<String, long[]> byUser = new TreeMap<>();
        for (ActivityCounts.Tally t : tallies) {
            if (!Outcome.SUCCESS.is(t.outcome()) || t.actor() == null) {
                continue;
            }
            int column = UPLOADS.contains(t.action()) ? 0 : VIEWS.contains(t.action()) ? 1
                    : DOWNLOADS.contains(t.action()) ? 2 : EXPORTS.contains(t.action()) ? 3 : -1;
            if (column >= 0) {
                byUser.computeIfAbsent(t.actor(), u -> new long[4])[column] += t.count();
            }
        }
        List<ComplianceReport.UserAccess> access = byUser.entrySet().stream().map(e -> new ComplianceReport.UserAccess(
                e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2], e.getValue()[3])).toList();

        Map<String, ComplianceReport.ActorCount> failedByUser = new TreeMap<>();
        long failedLogins = 0;
        long refusals = 0;
        List<ComplianceReport.Refusal> refused = new java.util.ArrayList<>();
        for (ActivityCounts.Tally t : tallies) {
            boolean login = t.action().equals(SecurityAction.LOGIN_FAILURE.action())
                    || t.action().equals(SecurityAction.LOGIN_THROTTLED.action());
            if (login) {
                failedLogins += t.count();
                failedByUser.merge(String.valueOf(t.actor()), new ComplianceReport.ActorCount(String.valueOf(t.actor()),
                        t.count(), t.last()), (a, b) -> new ComplianceReport.ActorCount(a.user(), a.count() + b.count(),
                                a.last().isAfter(b.last()) ? a.last() : b.last()));
            } else if (REFUSED.contains(t.outcome())) {
                refusals += t.count();
                refused.add(new ComplianceReport.Refusal(t.actor(), t.action(), t.outcome(), t.count(), t.last()));
            }
        }
        refused.sort(Comparator.comparing(ComplianceReport.Refusal::count).reversed()
                .thenComparing(r -> String.valueOf(r.actor())).thenComparing(ComplianceReport.Refusal::action));
        return new Activity(access, new ComplianceReport.Security(failedLogins, List.copyOf(failedByUser.values()),
                refusals, List.copyOf(refused)));
    }
}
