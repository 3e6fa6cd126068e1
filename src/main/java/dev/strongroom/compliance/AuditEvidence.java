package dev.strongroom.compliance;

import dev.strongroom.audit.AuditService;
import dev.strongroom.audit.ChainVerifier;
import dev.strongroom.audit.AuditVerification;
import dev.strongroom.audit.JournalVerifier;
import dev.strongroom.audit.cloudwatch.AuditShipping;
import dev.strongroom.audit.cloudwatch.CloudWatchUnavailable;
import dev.strongroom.audit.cloudwatch.ConsistencyCheck;
import dev.strongroom.audit.cloudwatch.ConsistencyReport;
import dev.strongroom.audit.digest.DigestKeys;
import dev.strongroom.audit.digest.DigestWriter;
import dev.strongroom.audit.digest.DigestedExportCheck;
import dev.strongroom.audit.digest.ExportFinding;
import dev.strongroom.audit.digest.SignedDigest;
import dev.strongroom.keys.VaultKey;
import dev.strongroom.storage.BackupTarget;
import dev.strongroom.storage.StorageFailure;
import dev.strongroom.jobs.Actor;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit trail's evidence: the hash chain verified from the journal on disk; an export of the
 * whole journal checked against the signed digests in the bucket, exactly as an auditor would check
 * it offline; and the CloudWatch-vs-journal consistency check of the period.
 */
@ApplicationScoped
public class AuditEvidence {

    static final String CHAIN = "audit-chain";
    static final String DIGESTS = "audit-digests";
    static final String CLOUDWATCH = "cloudwatch-consistency";
    private static final int LISTED = 20;

    private final AuditService audit;
    private final DigestWriter digests;
    private final VaultKey key;
    private final BackupTarget bucketTarget;
    private final ConsistencyCheck consistency;
    private final AuditShipping shipping;

    public AuditEvidence(AuditService audit, DigestWriter digests, VaultKey key, BackupTarget bucketTarget,
            ConsistencyCheck consistency, AuditShipping shipping) {
        this.audit = audit;
        this.digests = digests;
        this.key = key;
        this.bucketTarget = bucketTarget;
        this.consistency = consistency;
        this.shipping = shipping;
    }

    /** The whole journal from its first event, and every index row against its line. */
    public Check chain() {
        AuditVerification result = audit.verify(JournalVerifier.Scope.FULL);
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("events", result.eventCount());
        evidence.put("headSeq", result.head() == null ? 0 : result.head().seq());
        evidence.put("headHash", result.head() == null ? null : result.head().hash());
        evidence.put("verifiedAt", result.verifiedAt());
        evidence.put("indexRowsChecked", result.indexRowsChecked());
        evidence.put("firstBrokenSeq", result.firstBrokenSeq());
        evidence.put("findings", result.findings().stream().limit(LISTED)
                .map(f -> f.kind() + " at " + f.seq() + ": " + f.message()).toList());
        evidence.put("sealedGaps", result.sealedGaps().stream().map(g -> g.describe()).toList());
        String summary = result.ok() ? result.eventCount() + " events verified from the journal on disk, head event "
                + (result.head() == null ? 0 : result.head().seq()) + ", and " + result.indexRowsChecked()
                + " index rows against their lines"
                : "The audit chain is broken from event " + result.firstBrokenSeq() + " on: " + result.findingCount()
                        + " finding(s), first: " + result.findings().stream().findFirst().map(ChainVerifier.Finding::message)
                                .orElse("");
        return Check.of(CHAIN, result.ok(), summary, evidence);
    }

    /** {@code work} is an empty scratch folder the caller removes. */
    public Check digests(Path work) {
        if (!digests.configured()) {
            return Check.notConfigured(DIGESTS, "Signed audit digests go to the backup bucket, and none is configured "
                    + "(strongroom.backup.bucket)");
        }
        String bucket = bucketTarget.location();
        String folder = digests.folder();
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("bucket", bucket);
        evidence.put("folder", folder);
        try {
            Path dir = Files.createDirectories(work.resolve("digests"));
            int downloaded = 0;
            // This host's digests, those of releases before hosts had prefixes included (audit-digests/).
            for (String digest : digests.keys()) {
                Path target = dir.resolve(DigestKeys.copyName(digest).replace('/', '_'));
                for (String key : List.of(digest, DigestKeys.signature(digest))) {
                    try (InputStream in = bucketTarget.open(key, null)) {
                        Files.copy(in, key.equals(digest) ? target
                                : target.resolveSibling(target.getFileName() + DigestKeys.SIGNATURE_SUFFIX));
                    }
                    downloaded++;
                }
            }
            evidence.put("objects", downloaded);
            if (downloaded == 0) {
                return Check.fail(DIGESTS, "No signed digest in s3://" + bucket + "/" + folder + ": the rolling digest "
                        + "(strongroom.audit.digest.every) has not written one", evidence);
            }
            // Exported from the journal files, not the index: the check must read what the digests signed.
            Path export = work.resolve("journal.ndjson");
            try (OutputStream out = Files.newOutputStream(export)) {
                audit.writeJournalExport(out);
            }
            List<SignedDigest> loaded = SignedDigest.load(dir, key.history());
            DigestedExportCheck.Result result = DigestedExportCheck.check(export, loaded);
            evidence.put("digests", loaded.size());
            evidence.put("trustedDigests", result.trustedDigests());
            evidence.put("events", result.eventCount());
            evidence.put("findings", result.findings().stream().limit(LISTED).map(ExportFinding::message).toList());
            evidence.put("notes", result.notes());
            boolean ok = result.ok() && result.trustedDigests() > 0;
            String summary = ok ? result.eventCount() + " journal events checked against " + result.trustedDigests()
                    + " signed digest(s)"
                    : result.trustedDigests() == 0 ? "None of the " + loaded.size() + " digest(s) in the bucket verifies "
                            + "against the vault's key history"
                            : result.findings().size() + " finding(s) against the signed digests, first: "
                                    + result.findings().get(0).message();
            return Check.of(DIGESTS, ok, summary, evidence);
        } catch (StorageFailure e) {
            return Check.fail(DIGESTS, "The digests in s3://" + bucket + "/" + folder + " could not be read: "
                    + e.getMessage(), evidence);
        } catch (IOException | RuntimeException e) {
            return Check.fail(DIGESTS, "The digest check could not run: " + e.getMessage(), evidence);
        }
    }

    /**
     * A consistency check over exactly the report's period, made now and recorded like any other, so
     * the evidence matches the period and is as fresh as the report.
     */
    public Check cloudWatch(Instant from, Instant to, Actor actor) {
        if (!shipping.status().enabled()) {
            return Check.notConfigured(CLOUDWATCH, "Audit shipping to CloudWatch Logs is off "
                    + "(strongroom.audit.cloudwatch.enabled=false), so there is no copy to compare");
        }
        ConsistencyReport report;
        try {
            report = consistency.run(from, to, "report", actor.name());
        } catch (CloudWatchUnavailable e) {
            return Check.fail(CLOUDWATCH, e.getMessage(), Map.of("from", from.toString(), "to", to.toString()));
        }
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("checkId", report.id());
        evidence.put("checkedAt", report.checkedAt());
        evidence.put("from", report.from());
        evidence.put("to", report.to());
        evidence.put("logGroup", report.logGroup());
        evidence.put("stream", report.stream());
        evidence.put("journalEvents", report.journalEvents());
        evidence.put("cloudWatchEvents", report.cloudWatchEvents());
        evidence.put("notYetShipped", report.notYetShipped());
        evidence.put("findings", report.findings().stream().limit(LISTED).map(f -> f.message()).toList());
        String summary = report.ok() ? report.journalEvents() + " journal events of " + report.from() + " to "
                + report.to() + " are in CloudWatch stream " + report.stream()
                : report.findingCount() + " difference(s) between CloudWatch and the journal, first: "
                        + report.findings().get(0).message();
        return Check.of(CLOUDWATCH, report.ok(), summary, evidence);
    }
}
