package dev.strongroom.statements;

import dev.strongroom.VaultConfig;
import dev.strongroom.audit.Auditor;
import dev.strongroom.audit.Outcome;
import dev.strongroom.backup.BackupService;
import dev.strongroom.storage.BackupTarget;
import dev.strongroom.storage.Sha256;
import dev.strongroom.catalog.FiledDocument;
import dev.strongroom.catalog.FiledDocuments;
import dev.strongroom.metadata.statement.StatementValidator;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Writes a statement's reconciliation report, CSV and PDF, to {@code <data-dir>/statement-reports/<id>/}
 * (each file through a temp file, private to the vault's user) and, when backups are configured, to
 * {@code reports/statements/<id>/reconciliation.csv|pdf} in the Object-Locked bucket through the backup's
 * {@link BackupTarget}: SHA-256 checked by S3, encrypted, under the bucket's default retention. Each
 * new report is a new object version; the earlier ones stay, as records of how the reconciliation stood.
 */
@ApplicationScoped
public class StatementReports {

    private static final Logger LOG = Logger.getLogger(StatementReports.class);
    static final String PREFIX = "reports/statements/";

    /** The two formats. */
    public enum Format {
        CSV("csv", "text/csv"), PDF("pdf", "application/pdf");

        public final String extension;
        public final String mediaType;

        Format(String extension, String mediaType) {
            this.extension = extension;
            this.mediaType = mediaType;
        }
    }

    private final VaultConfig vault;
    private final BackupService backups;
    private final BackupTarget bucket;
    private final Auditor auditor;

    public StatementReports(VaultConfig vault, BackupService backups, BackupTarget bucket, Auditor auditor) {
        this.vault = vault;
        this.backups = backups;
        this.bucket = bucket;
        this.auditor = auditor;
    }

    public static String keyOf(String documentId, Format format) {
        return PREFIX + documentId + "/reconciliation." + format.extension;
    }

    public Path file(String documentId, Format format) {
        return vault.dataDir().resolve("statement-reports").resolve(documentId).resolve("reconciliation."
                + format.extension);
    }

    /** Writes (and uploads, when there is a bucket) the report of a processed statement; records where it went. */
    public void write(String documentId) throws IOException {
        ReconciliationReport report = build(documentId).orElse(null);
        if (report == null) {
            return;
        }
        Map<Format, String> sha256 = new LinkedHashMap<>();
        for (Format format : Format.values()) {
            sha256.put(format, writeFile(report, format));
        }
        String key = null;
        if (backups.configured()) {
            for (Format format : Format.values()) {
                bucket.putFile(keyOf(documentId, format), file(documentId, format), format.mediaType,
                        sha256.get(format));
            }
            key = PREFIX + documentId + "/";
        }
        String uploaded = key;
        QuarkusTransaction.requiringNew().run(() -> {
            Statement s = Statement.findById(documentId);
            s.reportAt = report.generatedAt();
            s.reportKey = uploaded;
            s.reportCsvSha256 = sha256.get(Format.CSV);
            s.reportPdfSha256 = sha256.get(Format.PDF);
        });
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("csvSha256", sha256.get(Format.CSV));
        detail.put("pdfSha256", sha256.get(Format.PDF));
        detail.put("bucketPrefix", uploaded == null ? "not configured" : uploaded);
        detail.put("state", report.state().name());
        auditor.record(StatementAction.REPORT, StatementLoader.resource(documentId), Outcome.SUCCESS, detail);
        LOG.infof("Statement %s: reconciliation report written%s", documentId,
                uploaded == null ? " (no bucket configured: kept on the data volume only)" : " to " + uploaded);
    }

    private String writeFile(ReconciliationReport report, Format format) throws IOException {
        Path target = file(report.statementId(), format);
        Path dir = target.getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir.getParent(), PosixFilePermissions.fromString("rwx------"));
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
        Path temp = target.resolveSibling(target.getFileName() + ".part");
        Files.deleteIfExists(temp);
        Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (OutputStream out = Files.newOutputStream(temp)) {
            if (format == Format.CSV) {
                ReconciliationCsv.write(report, new OutputStreamWriter(out, StandardCharsets.UTF_8));
            } else {
                ReconciliationPdf.write(report, out);
            }
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return Sha256.hexOf(target);
    }

    /** The report as the catalog now stands; empty for an unknown statement. */
    public Optional<ReconciliationReport> build(String documentId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Statement s = Statement.findById(documentId);
            if (s == null) {
                return Optional.empty();
            }
            List<StatementLine> lines = StatementLine.list("documentId = ?1 order by lineNo", documentId);
            Map<Integer, List<String>> receipts = new HashMap<>();
            Set<String> ids = new HashSet<>();
            for (StatementMatch m : StatementMatch.<StatementMatch>list("documentId", documentId)) {
                receipts.computeIfAbsent(m.lineNo, k -> new ArrayList<>()).add(m.receiptId);
                ids.add(m.receiptId);
            }
            Map<Integer, List<String>> offered = new HashMap<>();
            for (StatementCandidate c : StatementCandidate.<StatementCandidate>list("documentId = ?1 order by optionNo",
                    documentId)) {
                List<String> options = offered.computeIfAbsent(c.lineNo, k -> new ArrayList<>());
                if (!options.contains(c.receiptId)) {
                    options.add(c.receiptId);
                }
                ids.add(c.receiptId);
            }
            Map<String, String> names = new HashMap<>();
            if (!ids.isEmpty()) {
                FiledDocuments.byId(ids).forEach((id, d) -> names.put(id, d.fileName()));
            }
            List<ReconciliationReport.ReportLine> rows = new ArrayList<>();
            int[] tally = new int[MatchState.values().length];
            for (StatementLine l : lines) {
                List<String> backing = l.matchState.settled() ? receipts.getOrDefault(l.lineNo, List.of())
                        : l.matchState == MatchState.SUGGESTED ? offered.getOrDefault(l.lineNo, List.of())
                                : List.of();
                tally[l.matchState.ordinal()]++;
                rows.add(new ReconciliationReport.ReportLine(l.lineNo, l.bookedOn, l.merchant,
                        Amounts.shown(l.amount, l.currency), l.currency,
                        l.matchState, l.matchScore, List.copyOf(backing),
                        backing.stream().map(id -> names.getOrDefault(id, id)).toList()));
            }
            List<ReconciliationReport.LooseReceipt> loose = new ArrayList<>();
            if (s.periodFrom != null && s.state == StatementState.RECONCILED) {
                Set<String> claimed = new HashSet<>(StatementMatch.<StatementMatch>listAll().stream()
                        .map(m -> m.receiptId).toList());
                for (FiledDocument d : FiledDocuments.describedOfInUploadOrder(s.owner,
                        StatementValidator.RETENTION_CLASS)) {
                    ReceiptFacts.of(d).filter(r -> !claimed.contains(r.id()) && r.date() != null
                            && !r.date().isBefore(s.periodFrom) && !r.date().isAfter(s.periodTo))
                            .ifPresent(r -> loose.add(new ReconciliationReport.LooseReceipt(r.id(), d.fileName(), r.vendor(),
                                    r.date(), r.total(), r.currency())));
                }
            }
            List<ReconciliationReport.ReportError> errors = StatementError.<StatementError>list(
                    "documentId = ?1 order by seq", documentId).stream()
                    .map(e -> new ReconciliationReport.ReportError(e.lineNo, e.columnName, e.reason)).toList();
            return Optional.of(new ReconciliationReport(s.documentId, s.fileName, s.owner, s.account, s.periodFrom,
                    s.periodTo, s.state, s.reason, s.lineCount, tally[MatchState.MATCHED.ordinal()],
                    tally[MatchState.CONFIRMED.ordinal()], tally[MatchState.SUGGESTED.ordinal()],
                    tally[MatchState.UNMATCHED.ordinal()], rows, loose, errors,
                    Instant.now().truncatedTo(ChronoUnit.MILLIS)));
        });
    }

    /** The report file for downloading, written first when it is not on the volume (a restored vault). */
    public Path fileFor(String documentId, Format format) {
        Path file = file(documentId, format);
        if (!Files.isRegularFile(file)) {
            try {
                ReconciliationReport report = build(documentId).orElseThrow();
                writeFile(report, format);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the report of statement " + documentId, e);
            }
        }
        return file;
    }
}
