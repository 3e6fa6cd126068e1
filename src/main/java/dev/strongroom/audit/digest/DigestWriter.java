package dev.strongroom.audit.digest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.strongroom.Stopping;
import dev.strongroom.VaultConfig;
import dev.strongroom.audit.AuditEvent;
import dev.strongroom.audit.AuditJournal;
import dev.strongroom.audit.Auditor;
import dev.strongroom.audit.ChainHead;
import dev.strongroom.audit.DurableFile;
import dev.strongroom.audit.cloudwatch.CloudWatchAuditConfig;
import dev.strongroom.audit.cloudwatch.StreamName;
import dev.strongroom.backup.BackupService;
import dev.strongroom.backup.BucketWriter;
import dev.strongroom.backup.Sha256;
import dev.strongroom.keys.SigningKey;
import dev.strongroom.security.VaultKey;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Writes signed audit digests to {@code audit-digests/} in the backup bucket, where Object Lock keeps
 * them. A digest covers the events after the previous digest up to its cut, so digests missed while
 * the vault was down or the bucket unreachable are made up by the next one: every event is covered
 * exactly once, in order. Each digest is audited ({@code audit.digest}), success or failure.
 */
@ApplicationScoped
public class DigestWriter {

    private static final Logger LOG = Logger.getLogger(DigestWriter.class);
    static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH").withZone(ZoneOffset.UTC);

    private final AuditJournal journal;
    private final VaultKey key;
    private final BucketWriter bucket;
    private final S3Client s3;
    private final BackupService backups;
    private final Auditor auditor;
    private final String instance;
    private final Path dir;

    public DigestWriter(AuditJournal journal, VaultKey key, BucketWriter bucket, S3Client s3, BackupService backups,
            Auditor auditor, CloudWatchAuditConfig cloudWatch, VaultConfig vault) {
        this.journal = journal;
        this.key = key;
        this.bucket = bucket;
        this.s3 = s3;
        this.backups = backups;
        this.auditor = auditor;
        this.instance = StreamName.of(cloudWatch);
        this.dir = vault.dataDir().resolve("audit").resolve("digests");
    }

    /** A digest that reached the bucket. */
    public record Written(String bucket, String key, String versionId, AuditDigest digest) {
    }

    public boolean configured() {
        return backups.configured();
    }

    public String instance() {
        return instance;
    }

    /** The hourly digest: every event of the hours before the one {@code end} falls in. */
    public synchronized Written writeHourly(Instant end) {
        return write("hourly", end, SegmentDigests.lastSeqBefore(journal.segments(), HOUR.format(end)));
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
        String digestKey = DigestKeys.digest(instance, end, reason);
        try {
            Optional<LastDigest> previous = previous();
            if (previous.isPresent() && digestKey.compareTo(previous.get().key()) <= 0) {
                // The same millisecond as the previous digest (or a clock step back): keys must grow.
                Instant after = Instant.parse(previous.get().digestEndTime()).plusMillis(1);
                end = after.isAfter(end) ? after : end.plusMillis(1);
                digestKey = DigestKeys.digest(instance, end, reason);
            }
            // One key for the id the digest names and its signature, even if a rotation happens meanwhile.
            SigningKey signer = key.current();
            long after = previous.map(LastDigest::lastSeq).orElse(0L);
            long last = Math.max(cut, after);
            List<AuditDigest.Segment> segments = SegmentDigests.covering(journal.segments(), after, last);
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
            DurableFile.replace(dir.resolve("last.json"), JSON.writeValueAsBytes(
                    new LastDigest(digestKey, bodySha256, signature, head.seq(), head, end.toString())));
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("reason", reason);
            detail.put("firstSeq", digest.firstSeq());
            detail.put("lastSeq", digest.lastSeq());
            detail.put("segments", segments.size());
            detail.put("versionId", versionId);
            auditor.record("audit.digest", digestKey, Auditor.SUCCESS, detail);
            LOG.infof("Audit digest %s: events %d to %d in %d segment(s)", digestKey, digest.firstSeq(), digest.lastSeq(),
                    segments.size());
            return new Written(bucket.bucket(), digestKey, versionId, digest);
        } catch (IOException | RuntimeException e) {
            if (Stopping.now()) {
                // The stop's bound on the shutdown digest cut it off (S3 not answering); not an error of the vault.
                LOG.warnf("Audit digest %s not written before the stop: %s. The next digest covers its events.",
                        digestKey, e.getMessage());
            } else {
                LOG.errorf("Audit digest %s not written: %s. The next digest covers its events.", digestKey,
                        e.getMessage());
            }
            auditor.record("audit.digest", digestKey, Auditor.FAILURE, Map.of("reason", reason, "error",
                    e.getClass().getSimpleName() + ": " + e.getMessage()));
            throw new DigestNotWritten(e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** A digest could not be written (it was audited); the next one covers its events. */
    public static class DigestNotWritten extends RuntimeException {
        DigestNotWritten(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The newest digest: from the volume, else (a restored volume) the newest in the bucket. */
    Optional<LastDigest> previous() throws IOException {
        Path last = dir.resolve("last.json");
        if (Files.isRegularFile(last)) {
            return Optional.of(JSON.readValue(last.toFile(), LastDigest.class));
        }
        if (!configured()) {
            return Optional.empty();
        }
        String folder = DigestKeys.folder(instance);
        Optional<String> newest = s3.listObjectsV2Paginator(b -> b.bucket(bucket.bucket()).prefix(folder)).contents()
                .stream().map(S3Object::key).filter(k -> k.endsWith(".json")).max(String::compareTo);
        if (newest.isEmpty()) {
            return Optional.empty();
        }
        ResponseBytes<GetObjectResponse> body = s3.getObjectAsBytes(b -> b.bucket(bucket.bucket()).key(newest.get()));
        String signature = s3.getObjectAsBytes(b -> b.bucket(bucket.bucket())
                .key(DigestKeys.signature(newest.get()))).asString(StandardCharsets.US_ASCII).strip();
        AuditDigest digest = JSON.readValue(body.asByteArray(), AuditDigest.class);
        LOG.infof("Continuing the audit digest chain from %s in the bucket (no local record of it)", newest.get());
        return Optional.of(new LastDigest(newest.get(), Sha256.hexOf(body.asByteArray()), signature, digest.lastSeq(),
                digest.chainHead(), digest.digestEndTime()));
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
