package dev.strongroom.audit.recovery;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strongroom.VaultConfig;
import dev.strongroom.VaultIdentity;
import dev.strongroom.audit.AuditAction;
import dev.strongroom.audit.AuditIndex;
import dev.strongroom.audit.AuditJournal;
import dev.strongroom.audit.AuditLogAction;
import dev.strongroom.audit.AuditRecord;
import dev.strongroom.audit.Auditor;
import dev.strongroom.audit.ChainHead;
import dev.strongroom.audit.DurableFile;
import dev.strongroom.audit.IndexedEvent;
import dev.strongroom.audit.IntegrityFinding;
import dev.strongroom.audit.JournalIntegrity;
import dev.strongroom.audit.JournalSegments;
import dev.strongroom.audit.Outcome;
import dev.strongroom.audit.SealedGap;
import dev.strongroom.audit.cloudwatch.StreamCopiesAfter;
import dev.strongroom.storage.BackupTarget;
import dev.strongroom.storage.ListedObject;
import dev.strongroom.storage.HostKeys;
import dev.strongroom.storage.StorageFailure;
import dev.strongroom.http.ProblemException;
import dev.strongroom.http.ProblemType;
import dev.strongroom.http.Roles;
import dev.strongroom.signing.SigningKeySource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Brings a read-only journal back to a verifying chain, by the three ways docs/audit-recovery.md
 * describes: a re-check after the files were repaired by hand, a tail restored from an outside copy,
 * or a gap sealed by an admin and an auditor. Each step is audited; while the journal is read-only
 * those events are held and join the chain once it is writable again.
 */
@ApplicationScoped
public class JournalRecovery {

    private static final Logger LOG = Logger.getLogger(JournalRecovery.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AuditJournal journal;
    private final JournalIntegrity integrity;
    private final AuditIndex index;
    private final Auditor auditor;
    private final SigningKeySource key;
    private final StreamCopiesAfter cloudWatch;
    private final BackupTarget bucket;
    private final Path proposalFile;
    private final VaultIdentity identity;

    public JournalRecovery(AuditJournal journal, JournalIntegrity integrity, AuditIndex index, Auditor auditor,
            SigningKeySource key, StreamCopiesAfter cloudWatch, BackupTarget bucket, VaultConfig vault,
            VaultIdentity identity) {
        this.journal = journal;
        this.integrity = integrity;
        this.index = index;
        this.auditor = auditor;
        this.key = key;
        this.cloudWatch = cloudWatch;
        this.bucket = bucket;
        this.identity = identity;
        this.proposalFile = vault.dataDir().resolve("audit").resolve("recovery").resolve("gap-proposal.json");
    }

    public RecoveryStatus status() {
        AuditJournal.Check check = journal.lastCheck();
        long[] missing = missingRange();
        return new RecoveryStatus(integrity.writable() ? "writable" : "read-only", journal.head(),
                integrity.findings().stream().map(IntegrityFinding::describe).toList(), journal.heldCount(), missing[0],
                missing[1], check == null ? null : check.at().toString(), check == null ? List.of() : check.anchors(),
                proposal().orElse(null));
    }

    /** Reads the journal files again and compares them with every anchor; writable again when they pass. */
    public RecoveryStatus recheck(String actor) {
        journal.recheck("re-check by " + actor);
        index.catchUp(journal.segments());
        record(AuditLogAction.RECOVERY_RECHECK, Map.of("state", integrity.writable() ? "writable" : "read-only"));
        return status();
    }

    /** Appends the lost tail from {@code source}, byte for byte, then re-checks. */
    public RecoveryStatus restoreTail(TailSource source, String actor) {
        // Fresh readings of every anchor, remote ones included: the restored events must be theirs.
        AuditJournal.Check check = journal.recheck("before a tail restore by " + actor);
        ChainHead head = journal.head();
        Map<Long, List<String>> copies = switch (source) {
            case INDEX -> fromIndex(head.seq());
            case S3 -> fromS3(head.seq());
            case CLOUDWATCH -> fromCloudWatch(head.seq());
        };
        List<String> lines = TailChain.from(head, copies);
        if (lines.isEmpty()) {
            throw ProblemException.conflict(ProblemType.NOTHING_TO_RESTORE, "The " + source.name().toLowerCase()
                    + " holds no event that continues the journal after event " + head.seq()
                    + (copies.isEmpty() ? "" : " (it holds events " + copies.keySet().iterator().next() + " on, which "
                            + "do not chain to the journal's head)"), Map.of("headSeq", head.seq()));
        }
        List<String> disagree = TailChain.disagreements(lines, check.anchors());
        if (!disagree.isEmpty()) {
            throw ProblemException.conflict(ProblemType.RESTORE_DISAGREES, "Nothing was restored: " + disagree.get(0),
                    Map.of("problems", disagree));
        }
        int appended = journal.appendRestored(lines);
        long last = JournalSegments.seqOf(lines.get(lines.size() - 1));
        LOG.warnf("Audit journal: restored events %d to %d (%d) from the %s, by %s", head.seq() + 1, last, appended,
                source.name().toLowerCase(), actor);
        journal.recheck("tail restore by " + actor);
        index.catchUp(journal.segments());
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("source", source.name().toLowerCase());
        detail.put("fromSeq", head.seq() + 1);
        detail.put("toSeq", last);
        detail.put("events", appended);
        detail.put("state", integrity.writable() ? "writable" : "read-only");
        detail.put("by", actor);
        record(AuditLogAction.RECOVERY_RESTORE_TAIL, detail);
        return status();
    }

    /** The first step of a gap: an admin or an auditor names what is lost and why. */
    public synchronized GapProposal proposeGap(String reason, String actor, Set<String> roles) {
        String role = gapRole(roles);
        long[] missing = missingRange();
        if (missing[0] == 0) {
            throw ProblemException.conflict(ProblemType.NO_GAP, "The journal is not shorter than any anchor; there is no loss "
                    + "to seal", Map.of());
        }
        ChainHead head = journal.head();
        String anchors = integrity.readOnlyFindings().stream().filter(f -> f.kind()
                == IntegrityFinding.Kind.SHORTER_THAN_ANCHOR).map(IntegrityFinding::message).findFirst().orElse("");
        GapProposal proposal = new GapProposal(UUID.randomUUID().toString(), missing[0], missing[1], head.seq(),
                head.hash(), reason, actor, role, Instant.now().truncatedTo(ChronoUnit.MILLIS).toString(), anchors);
        save(proposal);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("proposal", proposal.id());
        detail.put("lostFrom", proposal.lostFrom());
        detail.put("lostTo", proposal.lostTo());
        detail.put("reason", reason);
        record(AuditLogAction.GAP_PROPOSE, detail);
        LOG.warnf("Audit journal: %s (%s) proposes to seal events %d to %d as lost: %s; it needs the %s's confirmation",
                actor, role, proposal.lostFrom(), proposal.lostTo(), reason, other(role));
        return proposal;
    }

    /**
     * The second step: someone else, with the other role, confirms; the vault appends the signed gap
     * event and re-checks.
     */
    public synchronized RecoveryStatus confirmGap(String id, String actor, Set<String> roles) {
        String role = gapRole(roles);
        GapProposal proposal = proposal().filter(p -> p.id().equals(id)).orElseThrow(() -> ProblemException.notFound(
                "No gap proposal " + id));
        if (proposal.proposedBy().equals(actor)) {
            throw new ProblemException(403, ProblemType.SECOND_PERSON_REQUIRED, "Someone else must confirm",
                    "A gap needs an admin and an auditor, two different people; " + actor + " proposed it and cannot "
                            + "also confirm it", Map.of(), Map.of());
        }
        boolean complementary = proposal.proposerRole().equals(Roles.ADMIN) ? roles.contains(Roles.AUDITOR)
                : roles.contains(Roles.ADMIN);
        if (!complementary) {
            throw new ProblemException(403, ProblemType.OTHER_ROLE_REQUIRED, "The other role must confirm",
                    "The gap was proposed by " + proposal.proposerRole() + " " + proposal.proposedBy() + "; it needs the "
                            + other(proposal.proposerRole()) + "'s confirmation", Map.of(), Map.of());
        }
        ChainHead head = journal.head();
        if (head.seq() != proposal.headSeq() || !head.hash().equals(proposal.headHash())) {
            throw ProblemException.conflict(ProblemType.JOURNAL_MOVED, "The journal's head is event " + head.seq()
                    + " now, not the event " + proposal.headSeq() + " the proposal was made for; propose again",
                    Map.of());
        }
        String confirmedBy = actor + " (" + role + ")";
        String proposedBy = proposal.proposedBy() + " (" + proposal.proposerRole() + ")";
        String statement = SealedGap.statement(proposal.lostFrom(), proposal.lostTo(), head.hash(), proposedBy,
                confirmedBy, proposal.reason());
        Map<String, Object> detail = new TreeMap<>();
        detail.put("lostFrom", proposal.lostFrom());
        detail.put("lostTo", proposal.lostTo());
        detail.put("proposedBy", proposedBy);
        detail.put("confirmedBy", confirmedBy);
        detail.put("reason", proposal.reason());
        detail.put("anchors", proposal.anchors());
        detail.put("signature", Base64.getEncoder().encodeToString(key.sign(statement.getBytes(StandardCharsets.UTF_8))));
        journal.appendGap(new AuditRecord(actor, role, SealedGap.ACTION, "audit/journal", Outcome.SUCCESS.value(), null, null,
                AuditRecord.details(detail)), proposal.lostTo());
        deleteProposal();
        LOG.warnf("Audit journal: events %d to %d sealed as lost by gap event %d (proposed by %s, confirmed by %s)",
                proposal.lostFrom(), proposal.lostTo(), proposal.lostTo() + 1, proposedBy, confirmedBy);
        journal.recheck("gap confirmed by " + actor);
        index.catchUp(journal.segments());
        return status();
    }

    /** The range an anchor holds that the journal lacks: from the head + 1 to the highest anchored event. */
    private long[] missingRange() {
        long head = journal.head().seq();
        long to = integrity.readOnlyFindings().stream().filter(f -> f.kind() == IntegrityFinding.Kind.SHORTER_THAN_ANCHOR)
                .mapToLong(IntegrityFinding::seq).max().orElse(0);
        return to > head ? new long[] { head + 1, to } : new long[] { 0, 0 };
    }

    private static String gapRole(Set<String> roles) {
        if (roles.contains(Roles.ADMIN)) {
            return Roles.ADMIN;
        }
        if (roles.contains(Roles.AUDITOR)) {
            return Roles.AUDITOR;
        }
        throw new ProblemException(403, ProblemType.FORBIDDEN, "Forbidden", "Only an admin or an auditor takes part in sealing "
                + "a gap", Map.of(), Map.of());
    }

    private static String other(String role) {
        return Roles.ADMIN.equals(role) ? Roles.AUDITOR : Roles.ADMIN;
    }

    private Map<Long, List<String>> fromIndex(long after) {
        List<IndexedEvent> rows = QuarkusTransaction.requiringNew().call(() -> IndexedEvent.<IndexedEvent>find(
                "hostId = ?1 and seq > ?2 order by seq", index.host(), after).list());
        Map<Long, List<String>> copies = new TreeMap<>();
        rows.forEach(r -> copies.put(r.seq, List.of(r.line)));
        return copies;
    }

    private Map<Long, List<String>> fromS3(long after) {
        if (!bucket.configured()) {
            throw new ProblemException(503, ProblemType.BACKUP_NOT_CONFIGURED, "Backups are not configured", "No backup bucket "
                    + "is configured (strongroom.backup.bucket), so S3 holds no copy of the journal");
        }
        Map<Long, List<String>> copies = new TreeMap<>();
        HostKeys keys = HostKeys.of(identity.hostId());
        try {
            for (ListedObject object : bucket.list(keys.journal())) {
                String name = HostKeys.segmentName(object.key());
                Path local = journal.segments().dir().resolve(name);
                if (Files.isRegularFile(local) && Files.size(local) >= object.size()) {
                    continue;
                }
                String body = new String(bucket.read(object.key(), null), StandardCharsets.UTF_8);
                for (String line : body.split("\n")) {
                    long seq = JournalSegments.seqOf(line);
                    if (seq > after) {
                        copies.computeIfAbsent(seq, s -> new ArrayList<>()).add(line);
                    }
                }
            }
        } catch (StorageFailure e) {
            throw new ProblemException(503, ProblemType.BUCKET_UNAVAILABLE, "Bucket unavailable", "The journal segments in s3://"
                    + bucket.location() + "/" + keys.journal() + " could not be read: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return copies;
    }

    private Map<Long, List<String>> fromCloudWatch(long after) {
        try {
            return cloudWatch.after(after);
        } catch (IllegalStateException e) {
            throw new ProblemException(409, ProblemType.CLOUDWATCH_OFF, "CloudWatch shipping is off", e.getMessage());
        } catch (SdkException e) {
            throw new ProblemException(503, ProblemType.CLOUDWATCH_UNAVAILABLE, "CloudWatch Logs unavailable",
                    "CloudWatch Logs could not be read: " + e.getMessage());
        }
    }

    private void record(AuditAction action, Map<String, Object> detail) {
        auditor.record(action, "audit/journal", Outcome.SUCCESS, detail);
    }

    private Optional<GapProposal> proposal() {
        if (!Files.isRegularFile(proposalFile)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(proposalFile.toFile(), GapProposal.class));
        } catch (IOException e) {
            LOG.warnf("The gap proposal %s is unreadable (%s); propose again", proposalFile, e.getMessage());
            return Optional.empty();
        }
    }

    private void save(GapProposal proposal) {
        try {
            DurableFile.replace(proposalFile, JSON.writeValueAsBytes(proposal));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the gap proposal in " + proposalFile, e);
        }
    }

    private void deleteProposal() {
        try {
            Files.deleteIfExists(proposalFile);
        } catch (IOException e) {
            LOG.warnf("The used gap proposal %s could not be removed: %s", proposalFile, e.getMessage());
        }
    }
}
