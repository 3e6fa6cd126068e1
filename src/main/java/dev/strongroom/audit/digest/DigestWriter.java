package dev.strongroom.audit.digest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.strongroom.Stopping;
import dev.strongroom.VaultConfig;
import dev.strongroom.VaultIdentity;
import dev.strongroom.storage.HostKeys;
import dev.strongroom.audit.AuditEvent;
import dev.strongroom.audit.AuditJournal;
import dev.strongroom.audit.AuditLogAction;
import dev.strongroom.audit.Auditor;
import dev.strongroom.audit.ChainHead;
import dev.strongroom.audit.DurableFile;
import dev.strongroom.audit.IntegrityFinding;
import dev.strongroom.audit.JournalIntegrity;
import dev.strongroom.audit.Outcome;
import dev.strongroom.audit.cloudwatch.CloudWatchAuditConfig;
import dev.strongroom.audit.cloudwatch.StreamName;
import dev.strongroom.storage.BackupTarget;
import dev.strongroom.storage.ListedObject;
import dev.strongroom.storage.Sha256;
import dev.strongroom.signing.SigningKey;
import dev.strongroom.signing.SigningKeySource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Writes signed audit digests to {@code audit-digests/} in the backup bucket, where Object Lock keeps
 * them. A digest covers the events after the previous digest up to its cut, so digests missed while
 * the vault was down or the bucket unreachable are made up by the next one: every event is covered
 * exactly once, in order. Each digest is audited ({@code audit.digest}), success or failure.
 * <p>
 * Before it signs, the writer verifies what it would sign: the events from the previous digest's
 * signed chain head up to the cut must form an intact chain (no event missing, changed or re-linked),
 * and every segment the previous digest signed must still hold the bytes it signed. When they do not,
 * it refuses, loudly: an {@code audit.digest.refused} event, an ERROR log line, the
 * {@code strongroom.audit.digest.refused} counter, and the audit-journal health check DOWN until a
 * digest can be signed again. A signature over a broken chain would lend it an authority it must not have.
 */
@ApplicationScoped
public class DigestWriter {

    private static final Logger LOG = Logger.getLogger(DigestWriter.class);
    static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final AuditJournal journal;
    private final SigningKeySource key;
    private final BackupTarget bucket;
    private final Auditor auditor;
    private final JournalIntegrity integrity;
    private final String instance;
    private final Path dir;
    private final Counter refused;
    private final VaultIdentity identity;

    public DigestWriter(AuditJournal journal, SigningKeySource key, BackupTarget bucket,
            Auditor auditor, JournalIntegrity integrity, CloudWatchAuditConfig cloudWatch, VaultConfig vault,
            VaultIdentity identity, MeterRegistry registry) {
        this.journal = journal;
        this.key = key;
        this.bucket = bucket;
        this.auditor = auditor;
        this.integrity = integrity;
        this.instance = StreamName.of(cloudWatch);
        this.identity = identity;
        this.dir = vault.dataDir().resolve("audit").resolve("digests");
        this.refused = Counter.builder("strongroom.audit.digest.refused")
                .description("Audit digests not signed because the chain they would sign does not verify")
                .register(registry);
    }

    /** A digest that reached the bucket. */
    public record Written(String bucket, String key, String versionId, AuditDigest digest) {
    }

    public boolean configured() {
        return bucket.configured();
    }

    public String instance() {
        return instance;
    }

    /** The bucket folder this host writes its digests to ({@code hosts/<host-id>/digests/}). */
    public String folder() {
        return DigestKeys.folder(identity.hostId());
    }

    /**
     * Every digest of this host's chain in the bucket, oldest first: its own folder, and the folder of
     * the releases before hosts had prefixes ({@code audit-digests/<instance>/}), whose digests signed
     * the earlier part of the chain of the single host such a vault had.
     */
    public List<String> keys() {
        return DigestKeys.oldestFirst(bucket.list(folder()).stream().map(ListedObject::key).toList(),
                bucket.list(DigestKeys.legacyFolder(instance)).stream().map(ListedObject::key).toList());
    }

    /**
     * The rolling digest: every durable event since the previous digest, when there is any besides that
     * digest's own event. Returns empty when none is due.
     */
    public synchronized Optional<Written> writeRolling(Instant end) {
        Optional<LastDigest> previous;
        try {
            previous = previous();
        } catch (IOException | RuntimeException e) {
            throw new DigestNotWritten("the previous digest cannot be read: " + e.getMessage(), e);
        }
        long covered = previous.map(p -> Math.max(p.lastSeq(), p.recordedAs())).orElse(0L);
        if (journal.durableSeq() <= covered) {
            return Optional.empty();
        }
        return Optional.of(write("rolling", end, journal.durableSeq()));
    }

    /**
     * A digest of every durable event, the current hour's segment as far as it goes: at shutdown
     * ({@code reason} "shutdown") or on demand ("on-demand", say before an export is handed over).
     */
    public synchronized Written writeNow(String reason, Instant end) {
        return write(reason, end, journal.durableSeq());
    }

    /** @throws DigestNotWritten after auditing the failure; the next digest covers the events */
    private Written write(String reason, Instant end, long cut) {
        if (!configured()) {
            throw new DigestNotWritten("no backup bucket is configured (strongroom.backup.bucket), so there is no "
                    + "Object-Locked place for audit digests", null);
        }
        String digestKey = DigestKeys.digest(identity.hostId(), end, reason);
        Optional<LastDigest> previous;
        try {
            previous = previous();
        } catch (IOException | RuntimeException e) {
            throw failed(reason, digestKey, e);
        }
        if (previous.isPresent() && DigestKeys.BY_END.compare(digestKey, previous.get().key()) <= 0) {
            // The same millisecond as the previous digest (or a clock step back): keys must grow.
            Instant after = Instant.parse(previous.get().digestEndTime()).plusMillis(1);
            end = after.isAfter(end) ? after : end.plusMillis(1);
            digestKey = DigestKeys.digest(identity.hostId(), end, reason);
        }
        long after = previous.map(LastDigest::lastSeq).orElse(0L);
        long last = Math.max(cut, after);
        SignedChainCheck.Result check = SignedChainCheck.check(journal.segments(), previous, after, last,
                key.history().publicKeys());
        if (!check.problems().isEmpty()) {
            throw refuse(reason, digestKey, after, last, check.problems());
        }
        SegmentDigests.Covered covered;
        try {
            covered = SegmentDigests.covering(journal.segments(), HostKeys.of(identity.hostId()), after, last,
                    check.held());
        } catch (RuntimeException e) {
            throw failed(reason, digestKey, e);
        }
        if (!covered.changed().isEmpty()) {
            // Changed between the check's read and this one: what would be signed is not what was checked.
            String previousKey = previous.orElseThrow().key();
            throw refuse(reason, digestKey, after, last, covered.changed().stream()
                    .map(s -> SignedChainCheck.changed(s, previousKey)).toList());
        }
        try {
            // One key for the id the digest names and its signature, even if a rotation happens meanwhile.
            SigningKey signer = key.current();
            List<AuditDigest.Segment> segments = covered.segments();
            ChainHead head = segments.isEmpty()
                    ? previous.map(LastDigest::chainHead).orElse(new ChainHead(0, AuditEvent.GENESIS_HASH))
                    : new ChainHead(segments.get(segments.size() - 1).lastSeq(),
                            segments.get(segments.size() - 1).lastHash());
            AuditDigest digest = new AuditDigest(AuditDigest.VERSION, instance, reason,
                    previous.map(LastDigest::digestEndTime).orElse(segments.isEmpty() ? null
                            : segments.get(0).oldestEventTime()),
                    end.toString(), after + 1, head.seq(), head, segments,
                    previous.map(LastDigest::asPrevious).orElse(null),
                    new AuditDigest.SigningKey(SigningKey.ALGORITHM, signer.keyId()));
            byte[] body = JSON.writeValueAsBytes(digest);
            String signature = Base64.getEncoder().encodeToString(signer.sign(body));
            String bodySha256 = Sha256.hexOf(body);
            Files.createDirectories(dir);
            Path bodyFile = dir.resolve("outgoing.json");
            Path signatureFile = dir.resolve("outgoing.json.sig");
            Files.write(bodyFile, body);
            Files.writeString(signatureFile, signature, StandardCharsets.US_ASCII);
            // The digest first: a signature without its digest would name nothing.
            String versionId = bucket.putFile(digestKey, bodyFile, "application/json", bodySha256);
            bucket.putFile(DigestKeys.signature(digestKey), signatureFile, "text/plain",
                    Sha256.hexOf(signature.getBytes(StandardCharsets.US_ASCII)));
            LastDigest written = new LastDigest(digestKey, bodySha256, signature, head.seq(), head, end.toString(),
                    segments, 0);
            save(written);
            integrity.clear(f -> f.kind() == IntegrityFinding.Kind.DIGEST_REFUSED);
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("reason", reason);
            detail.put("firstSeq", digest.firstSeq());
            detail.put("lastSeq", digest.lastSeq());
            detail.put("segments", segments.size());
            detail.put("versionId", versionId);
            AuditEvent own = auditor.record(AuditLogAction.DIGEST, digestKey, Outcome.SUCCESS, detail);
            save(written.recordedAs(own.seq()));
            LOG.infof("Audit digest %s: events %d to %d in %d segment(s)", digestKey, digest.firstSeq(), digest.lastSeq(),
                    segments.size());
            return new Written(bucket.location(), digestKey, versionId, digest);
        } catch (IOException | RuntimeException e) {
            throw failed(reason, digestKey, e);
        }
    }

    private void save(LastDigest last) throws IOException {
        DurableFile.replace(dir.resolve("last.json"), JSON.writeValueAsBytes(last));
    }

    private DigestNotWritten failed(String reason, String digestKey, Exception e) {
        if (Stopping.now()) {
            // The stop's bound on the shutdown digest cut it off (S3 not answering); not an error of the vault.
            LOG.warnf("Audit digest %s not written before the stop: %s. The next digest covers its events.",
                    digestKey, e.getMessage());
        } else {
            LOG.errorf("Audit digest %s not written: %s. The next digest covers its events.", digestKey,
                    e.getMessage());
        }
        auditor.record(AuditLogAction.DIGEST, digestKey, Outcome.FAILURE, Map.of("reason", reason, "error",
                e.getClass().getSimpleName() + ": " + e.getMessage()));
        return new DigestNotWritten(e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }

    private DigestNotWritten refuse(String reason, String digestKey, long after, long last, List<String> problems) {
        refused.increment();
        String range = "events " + (after + 1) + " to " + last;
        String message = "refused to sign " + range + ": the chain does not verify (" + problems.get(0)
                + (problems.size() > 1 ? "; " + (problems.size() - 1) + " more" : "") + ")";
        LOG.errorf("AUDIT DIGEST REFUSED: the digest writer %s. No digest is signed until the journal verifies again "
                + "(docs/audit-recovery.md).", message);
        // One standing refusal, the newest: each attempt covers more events and would otherwise add another.
        integrity.clear(f -> f.kind() == IntegrityFinding.Kind.DIGEST_REFUSED);
        integrity.report(IntegrityFinding.Kind.DIGEST_REFUSED, after + 1, "the digest writer " + message);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("reason", reason);
        detail.put("refused", range);
        detail.put("problem", problems.get(0));
        detail.put("problems", problems.size());
        auditor.record(AuditLogAction.DIGEST_REFUSED, digestKey, Outcome.FAILURE, detail);
        return new DigestNotWritten(message, null);
    }

    /** A digest could not be written (it was audited); the next one covers its events. */
    public static class DigestNotWritten extends RuntimeException {
        DigestNotWritten(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The newest digest: from the volume, else (a restored volume) the newest in the bucket. */
    Optional<LastDigest> previous() throws IOException {
        Optional<LastDigest> local = local();
        if (local.isPresent()) {
            return local;
        }
        if (!configured()) {
            return Optional.empty();
        }
        Optional<LastDigest> newest = newestInBucket();
        newest.ifPresent(d -> LOG.infof("Continuing the audit digest chain from %s in the bucket (no local record of it)",
                d.key()));
        return newest;
    }

    /** The record of the newest digest on the volume. */
    Optional<LastDigest> local() throws IOException {
        Path last = dir.resolve("last.json");
        if (!Files.isRegularFile(last)) {
            return Optional.empty();
        }
        return Optional.of(JSON.readValue(last.toFile(), LastDigest.class));
    }

    /** The newest digest of this host's chain in the bucket (either layout), read from the bucket. */
    Optional<LastDigest> newestInBucket() throws IOException {
        List<String> keys = keys();
        Optional<String> newest = keys.isEmpty() ? Optional.empty() : Optional.of(keys.get(keys.size() - 1));
        if (newest.isEmpty()) {
            return Optional.empty();
        }
        byte[] body = bucket.read(newest.get(), null);
        String signature = new String(bucket.read(DigestKeys.signature(newest.get()), null), StandardCharsets.US_ASCII)
                .strip();
        AuditDigest digest = JSON.readValue(body, AuditDigest.class);
        return Optional.of(new LastDigest(newest.get(), Sha256.hexOf(body), signature, digest.lastSeq(),
                digest.chainHead(), digest.digestEndTime(), digest.segments(), 0));
    }

    /** The newest digest written, for ops; empty before the first. */
    public Optional<LastDigest> last() {
        try {
            return previous();
        } catch (IOException | RuntimeException e) {
            throw new UncheckedIOException(new IOException("cannot read the newest audit digest: " + e.getMessage(), e));
        }
    }
}
