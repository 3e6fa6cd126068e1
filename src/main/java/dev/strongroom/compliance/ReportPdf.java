package dev.strongroom.compliance;

import dev.strongroom.compliance.drill.DrillView;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The report as a PDF for people: the verdicts first, then each section as a table of its figures. */
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
            List<String[]> checks = new ArrayList<>();
            for (Check c : r.checks()) {
                StringBuilder evidence = new StringBuilder(c.summary());
                for (Map.Entry<String, Object> e : c.evidence().entrySet()) {
                    evidence.append(" | ").append(e.getKey()).append(": ").append(ReportCsv.text(e.getValue()));
                }
                checks.add(new String[] { c.name(), String.valueOf(c.status()), evidence.toString() });
            }
            pdf.table(new String[] { "Check", "Status", "Finding and evidence" }, new float[] { 0.22f, 0.14f, 0.64f },
                    checks);

            ComplianceReport.Inventory inv = r.inventory();
            pdf.heading("Inventory");
            pdf.line("Documents: " + inv.documents() + ", bytes: " + inv.bytes());
            pdf.table(new String[] { "Content type", "Documents", "Bytes" }, new float[] { 0.6f, 0.2f, 0.2f },
                    rows(inv.byType(), g -> new String[] { g.key(), n(g.documents()), n(g.bytes()) }));
            pdf.table(new String[] { "Retention class", "Documents", "Bytes" }, new float[] { 0.6f, 0.2f, 0.2f },
                    rows(inv.byRetentionClass(), g -> new String[] { g.key(), n(g.documents()), n(g.bytes()) }));

            ComplianceReport.Coverage cov = r.coverage();
            pdf.heading("Backup coverage");
            pdf.line(cov.configured() ? "Coverage: " + cov.percent() + " % (" + cov.covered() + " of " + cov.documents()
                    + " documents confirmed in bucket " + cov.bucket() + ")" : "Backups are not configured.");
            if (cov.checksums() != null) {
                pdf.line(cov.checksums().statement() + ".");
            }
            pdf.line("Exceptions: " + cov.exceptions().size());
            if (!cov.exceptions().isEmpty()) {
                pdf.table(new String[] { "Document", "Name", "Uploaded", "Reason" },
                        new float[] { 0.3f, 0.2f, 0.2f, 0.3f }, rows(cov.exceptions(), e -> new String[] {
                                e.documentId(), e.fileName(), String.valueOf(e.uploadedAt()), e.reason() }));
            }

            pdf.heading("Access by user");
            pdf.line("Successful uploads, views, downloads and exports in the period.");
            pdf.table(new String[] { "User", "Uploads", "Views", "Downloads", "Exports" },
                    new float[] { 0.4f, 0.15f, 0.15f, 0.15f, 0.15f }, rows(r.access(), a -> new String[] { a.user(),
                            n(a.uploads()), n(a.views()), n(a.downloads()), n(a.exports()) }));

            ComplianceReport.Security sec = r.security();
            pdf.heading("Failed sign-ins and refusals");
            pdf.line("Failed sign-ins: " + sec.failedLogins());
            if (!sec.failedLoginsByUser().isEmpty()) {
                pdf.table(new String[] { "User", "Failed sign-ins", "Last" }, new float[] { 0.4f, 0.2f, 0.4f },
                        rows(sec.failedLoginsByUser(), a -> new String[] { a.user(), n(a.count()), String.valueOf(a.last()) }));
            }
            pdf.line("Refusals: " + sec.refusals());
            if (!sec.refusalsByAction().isEmpty()) {
                pdf.table(new String[] { "Actor", "Action", "Outcome", "Count", "Last" },
                        new float[] { 0.2f, 0.28f, 0.12f, 0.1f, 0.3f }, rows(sec.refusalsByAction(), f -> new String[] {
                                f.actor(), f.action(), f.outcome(), n(f.count()), String.valueOf(f.last()) }));
            }

            ComplianceReport.Retention ret = r.retention();
            pdf.heading("Retention");
            pdf.line("Legal holds: " + ret.legalHolds().size());
            if (!ret.legalHolds().isEmpty()) {
                pdf.table(new String[] { "Document", "Name", "Class", "Retain until" },
                        new float[] { 0.34f, 0.26f, 0.14f, 0.26f }, rows(ret.legalHolds(), k -> new String[] {
                                k.documentId(), k.fileName(), k.retentionClass(), String.valueOf(k.retainUntil()) }));
            }
            pdf.line("Past retention, awaiting disposal: " + ret.pastRetention().size());
            if (!ret.pastRetention().isEmpty()) {
                pdf.table(new String[] { "Document", "Name", "Retain until", "Legal hold" },
                        new float[] { 0.34f, 0.26f, 0.26f, 0.14f }, rows(ret.pastRetention(), k -> new String[] {
                                k.documentId(), k.fileName(), String.valueOf(k.retainUntil()),
                                k.legalHold() ? "yes" : "no" }));
            }
            pdf.line("Disposal requests waiting for approval: " + ret.pendingDisposals().size());
            if (!ret.pendingDisposals().isEmpty()) {
                pdf.table(new String[] { "Document", "Requested by", "When", "Reason" },
                        new float[] { 0.3f, 0.15f, 0.25f, 0.3f }, rows(ret.pendingDisposals(), p -> new String[] {
                                p.documentId(), p.requestedBy(), String.valueOf(p.requestedAt()), p.reason() }));
            }
            pdf.line("Tombstones: " + ret.tombstones().size());
            if (!ret.tombstones().isEmpty()) {
                pdf.table(new String[] { "Document", "SHA-256", "Disposed", "Requested / approved", "Reason" },
                        new float[] { 0.2f, 0.25f, 0.17f, 0.16f, 0.22f }, rows(ret.tombstones(), t -> new String[] {
                                t.documentId(), t.sha256(), String.valueOf(t.disposedAt()),
                                t.requestedBy() + " / " + t.approvedBy(), t.reason() }));
            }

            pdf.heading("Latest restore drill");
            DrillView d = r.drill();
            if (d == null) {
                pdf.line("No restore drill has run.");
            } else {
                pdf.table(new String[] { "Drill", "State", "Finished", "Sample", "Passed", "Failed", "Bytes" },
                        new float[] { 0.22f, 0.1f, 0.22f, 0.14f, 0.1f, 0.1f, 0.12f },
                        List.<String[]>of(new String[] { d.id(), d.state(), String.valueOf(d.finishedAt()),
                                d.sampleSize() + " of " + d.population(), n(d.passed()), n(d.failed()), n(d.bytes()) }));
                pdf.line("Replica: " + d.replicaNote());
                if (d.reconcileSummary() != null) {
                    pdf.line("Snapshot reconcile: " + d.reconcileSummary());
                }
                if (!d.failures().isEmpty()) {
                    pdf.table(new String[] { "Failed document", "Bucket", "Version", "Reason" },
                            new float[] { 0.3f, 0.15f, 0.25f, 0.3f }, rows(d.failures(), f -> new String[] {
                                    f.documentId(), f.bucket(), f.versionId(), f.reason() }));
                }
            }
            pdf.save(out);
        }
    }

    private static <T> List<String[]> rows(List<T> items, Function<T, String[]> row) {
        return items.stream().map(row).toList();
    }

    private static String n(long value) {
        return Long.toString(value);
    }
}
