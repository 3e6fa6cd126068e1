package dev.strongroom.compliance;

import dev.strongroom.audit.CsvCells;
import dev.strongroom.compliance.drill.DrillView;
import java.io.IOException;
import java.io.Writer;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The report as one long CSV table with the columns section, item, status, field, value: one row
 * per fact, so a spreadsheet or a script can filter on any of them. Lists in evidence are joined
 * with "; ". Cells a spreadsheet would evaluate are defused.
 */
final class ReportCsv {

    static final String[] HEADER = { "section", "item", "status", "field", "value" };

    private ReportCsv() {
    }

    static void write(ComplianceReport r, Writer out) throws IOException {
        try (CSVPrinter csv = CSVFormat.RFC4180.builder().setHeader(HEADER).get().print(out)) {
            Rows rows = new Rows(csv);
            rows.add("report", r.id(), r.overall().name(), "format", r.format() + " v" + r.version());
            rows.add("report", r.id(), r.overall().name(), "generatedAt", r.generatedAt());
            rows.add("report", r.id(), r.overall().name(), "generatedBy", r.generatedBy());
            rows.add("report", r.id(), r.overall().name(), "periodFrom", r.period().from());
            rows.add("report", r.id(), r.overall().name(), "periodTo", r.period().to());
            rows.add("report", r.id(), r.overall().name(), "pass", r.totals().pass());
            rows.add("report", r.id(), r.overall().name(), "fail", r.totals().fail());
            rows.add("report", r.id(), r.overall().name(), "notConfigured", r.totals().notConfigured());
            for (Check c : r.checks()) {
                rows.add("check", c.name(), c.status().name(), "summary", c.summary());
                for (Map.Entry<String, Object> e : c.evidence().entrySet()) {
                    rows.add("check", c.name(), c.status().name(), e.getKey(), e.getValue());
                }
            }
            ComplianceReport.Inventory inv = r.inventory();
            rows.add("inventory", "all", "", "documents", inv.documents());
            rows.add("inventory", "all", "", "bytes", inv.bytes());
            for (ComplianceReport.Group g : inv.byType()) {
                rows.add("inventory", "type:" + g.key(), "", "documents", g.documents());
                rows.add("inventory", "type:" + g.key(), "", "bytes", g.bytes());
            }
            for (ComplianceReport.Group g : inv.byRetentionClass()) {
                rows.add("inventory", "retention-class:" + g.key(), "", "documents", g.documents());
                rows.add("inventory", "retention-class:" + g.key(), "", "bytes", g.bytes());
            }
            ComplianceReport.Coverage cov = r.coverage();
            rows.add("coverage", "all", "", "documents", cov.documents());
            rows.add("coverage", "all", "", "covered", cov.covered());
            rows.add("coverage", "all", "", "percent", cov.percent());
            for (ComplianceReport.CoverageException e : cov.exceptions()) {
                rows.add("coverage", "exception:" + e.documentId(), "", "reason", e.reason());
            }
            for (ComplianceReport.UserAccess a : r.access()) {
                rows.add("access", a.user(), "", "uploads", a.uploads());
                rows.add("access", a.user(), "", "views", a.views());
                rows.add("access", a.user(), "", "downloads", a.downloads());
                rows.add("access", a.user(), "", "exports", a.exports());
            }
            rows.add("security", "failed-logins", "", "count", r.security().failedLogins());
            for (ComplianceReport.ActorCount a : r.security().failedLoginsByUser()) {
                rows.add("security", "failed-login:" + a.user(), "", "count", a.count());
            }
            rows.add("security", "refusals", "", "count", r.security().refusals());
            for (ComplianceReport.Refusal f : r.security().refusalsByAction()) {
                rows.add("security", "refusal:" + f.actor() + ":" + f.action(), f.outcome(), "count", f.count());
            }
            for (ComplianceReport.Kept k : r.retention().legalHolds()) {
                rows.add("retention", "legal-hold:" + k.documentId(), "", "retainUntil", k.retainUntil());
            }
            for (ComplianceReport.Kept k : r.retention().pastRetention()) {
                rows.add("retention", "past-retention:" + k.documentId(), "", "retainUntil", k.retainUntil());
            }
            for (ComplianceReport.PendingDisposal p : r.retention().pendingDisposals()) {
                rows.add("retention", "pending-disposal:" + p.documentId(), "", "requestedBy", p.requestedBy());
            }
            for (ComplianceReport.Disposed t : r.retention().tombstones()) {
                rows.add("retention", "tombstone:" + t.documentId(), "", "sha256", t.sha256());
            }
            DrillView d = r.drill();
            if (d != null) {
                rows.add("drill", d.id(), d.state(), "sampleSize", d.sampleSize());
                rows.add("drill", d.id(), d.state(), "population", d.population());
                rows.add("drill", d.id(), d.state(), "passed", d.passed());
                rows.add("drill", d.id(), d.state(), "failed", d.failed());
                rows.add("drill", d.id(), d.state(), "finishedAt", d.finishedAt());
            }
        }
    }

    private record Rows(CSVPrinter csv) {
        void add(String section, String item, String status, String field, Object value) throws IOException {
            csv.printRecord(CsvCells.defuse(section), CsvCells.defuse(item), status, field,
                    CsvCells.defuse(text(value)));
        }
    }

    static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Collection<?> list) {
            return list.stream().map(String::valueOf).collect(Collectors.joining("; "));
        }
        return String.valueOf(value);
    }
}
