package dev.strongroom.compliance;

import dev.strongroom.compliance.drill.DrillView;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/** The report as a PDF for people: the verdicts first, then each section with its figures. */
final class ReportPdf {

    private ReportPdf() {
    }

    static void write(ComplianceReport r, OutputStream out) throws IOException {
        try (PdfLayout pdf = new PdfLayout("Strongroom compliance report " + r.id(),
                "Strongroom compliance report " + r.id() + " - " + r.generatedAt())) {
            pdf.title("Strongroom compliance report");
            pdf.line("Report " + r.id() + ", generated " + r.generatedAt() + " by " + r.generatedBy() + " ("
                    + r.trigger() + ")");
            pdf.line("Period: " + r.period().from() + " to " + r.period().to());
            pdf.strong("Overall: " + r.overall() + " - " + r.totals().pass() + " passed, " + r.totals().fail()
                    + " failed, " + r.totals().notConfigured() + " not configured");

            pdf.heading("Checks");
            for (Check c : r.checks()) {
                pdf.strong(c.status() + " " + c.name());
                pdf.indented(c.summary());
                for (Map.Entry<String, Object> e : c.evidence().entrySet()) {
                    pdf.indented(e.getKey() + ": " + ReportCsv.text(e.getValue()));
                }
            }

            ComplianceReport.Inventory inv = r.inventory();
            pdf.heading("Inventory");
            pdf.line("Documents: " + inv.documents() + ", bytes: " + inv.bytes());
            pdf.strong("By type");
            for (ComplianceReport.Group g : inv.byType()) {
                pdf.indented(g.key() + ": " + g.documents() + " documents, " + g.bytes() + " bytes");
            }
            pdf.strong("By retention class");
            for (ComplianceReport.Group g : inv.byRetentionClass()) {
                pdf.indented(g.key() + ": " + g.documents() + " documents, " + g.bytes() + " bytes");
            }

            ComplianceReport.Coverage cov = r.coverage();
            pdf.heading("Backup coverage");
            pdf.line(cov.configured() ? "Coverage: " + cov.percent() + " % (" + cov.covered() + " of " + cov.documents()
                    + " documents confirmed in bucket " + cov.bucket() + ")" : "Backups are not configured.");
            pdf.line("Exceptions: " + cov.exceptions().size());
            for (ComplianceReport.CoverageException e : cov.exceptions()) {
                pdf.indented(e.documentId() + " (" + e.fileName() + ", uploaded " + e.uploadedAt() + "): " + e.reason());
            }

            pdf.heading("Access by user");
            pdf.line("Successful uploads, views, downloads and exports in the period.");
            for (ComplianceReport.UserAccess a : r.access()) {
                pdf.indented(a.user() + ": uploads " + a.uploads() + ", views " + a.views() + ", downloads "
                        + a.downloads() + ", exports " + a.exports());
            }

            ComplianceReport.Security sec = r.security();
            pdf.heading("Failed sign-ins and refusals");
            pdf.line("Failed sign-ins: " + sec.failedLogins());
            for (ComplianceReport.ActorCount a : sec.failedLoginsByUser()) {
                pdf.indented(a.user() + ": " + a.count() + " (last " + a.last() + ")");
            }
            pdf.line("Refusals: " + sec.refusals());
            for (ComplianceReport.Refusal f : sec.refusalsByAction()) {
                pdf.indented(f.actor() + " " + f.action() + " " + f.outcome() + ": " + f.count() + " (last " + f.last()
                        + ")");
            }

            ComplianceReport.Retention ret = r.retention();
            pdf.heading("Retention");
            pdf.line("Legal holds: " + ret.legalHolds().size());
            for (ComplianceReport.Kept k : ret.legalHolds()) {
                pdf.indented(k.documentId() + " (" + k.fileName() + ", " + k.retentionClass() + ", retain until "
                        + k.retainUntil() + ")");
            }
            pdf.line("Past retention, awaiting disposal: " + ret.pastRetention().size());
            for (ComplianceReport.Kept k : ret.pastRetention()) {
                pdf.indented(k.documentId() + " (" + k.fileName() + ", retain until " + k.retainUntil()
                        + (k.legalHold() ? ", under legal hold" : "") + ")");
            }
            pdf.line("Disposal requests waiting for approval: " + ret.pendingDisposals().size());
            for (ComplianceReport.PendingDisposal p : ret.pendingDisposals()) {
                pdf.indented(p.documentId() + " requested by " + p.requestedBy() + " at " + p.requestedAt() + ": "
                        + p.reason());
            }
            pdf.line("Tombstones: " + ret.tombstones().size());
            for (ComplianceReport.Disposed t : ret.tombstones()) {
                pdf.indented(t.documentId() + " sha256 " + t.sha256() + ", disposed " + t.disposedAt() + " (requested by "
                        + t.requestedBy() + ", approved by " + t.approvedBy() + "): " + t.reason());
            }

            pdf.heading("Latest restore drill");
            DrillView d = r.drill();
            if (d == null) {
                pdf.line("No restore drill has run.");
            } else {
                pdf.line("Drill " + d.id() + ": " + d.state() + ", finished " + d.finishedAt());
                pdf.line("Sample size: " + d.sampleSize() + " of " + d.population() + " backed-up documents; "
                        + d.passed() + " item(s) passed, " + d.failed() + " failed; " + d.bytes() + " bytes restored");
                pdf.line("Replica: " + d.replicaNote());
                if (d.reconcileSummary() != null) {
                    pdf.line("Snapshot reconcile: " + d.reconcileSummary());
                }
                for (DrillView.Item f : d.failures()) {
                    pdf.indented("FAIL " + f.documentId() + " (" + f.bucket() + ", version " + f.versionId() + "): "
                            + f.reason());
                }
            }
            pdf.save(out);
        }
    }
}
