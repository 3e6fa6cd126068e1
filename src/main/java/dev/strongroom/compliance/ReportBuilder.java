package dev.strongroom.compliance;

import dev.strongroom.compliance.drill.DrillService;
import dev.strongroom.compliance.drill.DrillState;
import dev.strongroom.compliance.drill.DrillView;
import dev.strongroom.jobs.Actor;
import dev.strongroom.snapshots.SnapshotMonitor;
import dev.strongroom.snapshots.SnapshotStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects one report's checks and sections from the capabilities that own the facts. Every check
 * is made afresh where it can be (posture, snapshots, chain, digests); what cannot be checked here
 * says NOT_CONFIGURED rather than passing.
 */
@ApplicationScoped
public class ReportBuilder {

    static final String SNAPSHOTS = "ebs-snapshots";
    static final String DRILL = "restore-drill";

    /** Told what the builder is doing, as a phase name and a percentage. */
    public interface Progress {
        void at(String phase, int percent);
    }

    private final InventoryEvidence inventory;
    private final BackupEvidence backup;
    private final AuditEvidence audit;
    private final ActivityEvidence activity;
    private final RetentionEvidence retention;
    private final SnapshotMonitor snapshots;
    private final DrillService drills;
    private final ComplianceConfig config;

    public ReportBuilder(InventoryEvidence inventory, BackupEvidence backup, AuditEvidence audit,
            ActivityEvidence activity, RetentionEvidence retention, SnapshotMonitor snapshots, DrillService drills,
            ComplianceConfig config) {
        this.inventory = inventory;
        this.backup = backup;
        this.audit = audit;
        this.activity = activity;
        this.retention = retention;
        this.snapshots = snapshots;
        this.drills = drills;
        this.config = config;
    }

    public ComplianceReport build(String id, String trigger, Actor actor, Instant from, Instant to, Path work,
            Progress progress) {
        List<Check> checks = new ArrayList<>();
        progress.at("inventory", 2);
        ComplianceReport.Inventory inv = inventory.collect();
        progress.at("coverage", 5);
        long total = Math.max(1, inv.documents());
        ComplianceReport.Coverage coverage = backup.coverage(n -> progress.at("coverage", 5 + (int) (40L * n / total)));
        checks.add(backup.coverageCheck(coverage));
        progress.at("rpo", 46);
        checks.add(backup.rpoCheck(from, to));
        progress.at("s3-posture", 50);
        checks.add(backup.postureCheck());
        progress.at("snapshots", 55);
        checks.add(snapshotCheck());
        progress.at("audit-chain", 60);
        checks.add(audit.chain());
        progress.at("audit-digests", 68);
        checks.add(audit.digests(work));
        progress.at("cloudwatch", 78);
        checks.add(audit.cloudWatch(from, to, actor));
        progress.at("drill", 84);
        DrillView drill = drills.latestFinished().orElse(null);
        checks.add(drillCheck(drill));
        progress.at("access", 86);
        ActivityEvidence.Activity act = activity.collect(from, to);
        progress.at("retention", 88);
        ComplianceReport.Retention ret = retention.collect();

        int pass = (int) checks.stream().filter(c -> c.status() == CheckStatus.PASS).count();
        int fail = (int) checks.stream().filter(c -> c.status() == CheckStatus.FAIL).count();
        int notConfigured = checks.size() - pass - fail;
        CheckStatus overall = pass == checks.size() ? CheckStatus.PASS : CheckStatus.FAIL;
        return new ComplianceReport(ComplianceReport.FORMAT, ComplianceReport.VERSION, id,
                Instant.now().truncatedTo(ChronoUnit.SECONDS), actor.name(), trigger,
                new ComplianceReport.Period(from, to), overall, new ComplianceReport.Totals(pass, fail, notConfigured),
                List.copyOf(checks), inv, coverage, act.access(), act.security(), ret, drill);
    }

    private Check snapshotCheck() {
        SnapshotStatus s = snapshots.checkNow();
        if (!s.configured()) {
            return Check.notConfigured(SNAPSHOTS, "EBS snapshots are not configured here: " + String.join("; ",
                    s.problems()));
        }
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("volumeId", s.instance() == null ? null : s.instance().volumeId());
        evidence.put("policyId", s.policy() == null ? null : s.policy().policyId());
        evidence.put("policyState", s.policy() == null ? null : s.policy().state());
        evidence.put("policyCompliant", s.policy() != null && s.policy().compliant());
        evidence.put("snapshotCount", s.snapshotCount());
        evidence.put("newestSnapshotId", s.newestSnapshotId());
        evidence.put("newestSnapshotTime", s.newestSnapshotTime() == null ? null : s.newestSnapshotTime().toString());
        evidence.put("newestAgeSeconds", s.newestAgeSeconds());
        evidence.put("maxAgeSeconds", s.maxAgeSeconds());
        evidence.put("problems", s.problems());
        String summary = s.problems().isEmpty()
                ? "DLM policy " + s.policy().policyId() + " " + s.policy().state() + "; " + s.snapshotCount()
                        + " snapshot(s), newest " + s.newestSnapshotId() + " is " + s.newestAgeSeconds() + " s old"
                : String.join("; ", s.problems());
        return Check.of(SNAPSHOTS, s.problems().isEmpty(), summary, evidence);
    }

    private Check drillCheck(DrillView drill) {
        if (!drills.configured()) {
            return Check.notConfigured(DRILL, "Backups are not configured (strongroom.backup.bucket), so there is "
                    + "nothing to restore from");
        }
        if (drill == null) {
            return Check.fail(DRILL, "No restore drill has run yet", Map.of());
        }
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("drillId", drill.id());
        evidence.put("state", drill.state());
        evidence.put("finishedAt", drill.finishedAt().toString());
        evidence.put("population", drill.population());
        evidence.put("sampleSize", drill.sampleSize());
        evidence.put("passed", drill.passed());
        evidence.put("failed", drill.failed());
        evidence.put("replica", drill.replicaNote());
        evidence.put("reconcile", drill.reconcileSummary());
        evidence.put("failures", drill.failures().stream().limit(20)
                .map(f -> "document " + f.documentId() + " (" + f.bucket() + ", version " + f.versionId() + "): "
                        + f.reason())
                .toList());
        Duration age = Duration.between(drill.finishedAt(), Instant.now());
        boolean recent = age.compareTo(config.drill().maxAge()) <= 0;
        boolean passed = DrillState.PASSED.stored().equals(drill.state());
        String summary = "Drill " + drill.id() + " " + drill.state() + ": " + drill.sampleSize() + " of "
                + drill.population() + " documents sampled, " + drill.passed() + " item(s) passed, " + drill.failed()
                + " failed";
        if (!drill.failures().isEmpty()) {
            DrillView.Item first = drill.failures().get(0);
            summary += "; first failure: document " + first.documentId() + " version " + first.versionId() + ": "
                    + first.reason();
        } else if (drill.error() != null) {
            summary += "; " + drill.error();
        }
        if (!recent) {
            summary += "; it is " + age.toDays() + " days old, older than " + config.drill().maxAge().toDays() + " days";
        }
        return Check.of(DRILL, passed && recent, summary, evidence);
    }
}
