package dev.strongroom.backup;

import dev.strongroom.store.BlobStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;
import org.apache.commons.io.input.BoundedInputStream;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectLockLegalHoldStatus;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;
import software.amazon.awssdk.services.s3.model.ObjectLockRetention;
import software.amazon.awssdk.services.s3.model.ObjectLockRetentionMode;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * Puts one document into {@code documents/<id>} and confirms it: S3's checksum equals the catalog's
 * SHA-256 (for multipart, the composite of the part checksums, with the whole-file SHA-256 checked
 * locally before completing and kept in the metadata), and the version is under Object Lock until
 * the document's retain-until.
 * <p>
 * A single PUT is confirmed by its own response (docs/backup.md, "When a document counts as backed
 * up"): S3 answers 200 only after it checked the body against the {@code x-amz-checksum-sha256} we
 * sent and applied the Object Lock settings of the same request, and the response carries the
 * checksum and the version id. A multipart upload is read back with a HEAD, because its lock
 * settings travel on a different request than its bytes.
 * <p>
 * Idempotent: when the key already holds a version with this document's SHA-256 (a run that was cut
 * off after S3 stored it but before the catalog recorded it), that version is adopted instead of
 * writing a second one. The caller says whether the key may be there ({@link DocumentKeysInBucket}).
 */
@ApplicationScoped
public class DocumentUploader {

    private static final Logger LOG = Logger.getLogger(DocumentUploader.class);
    static final String META_DOCUMENT_ID = "document-id";
    static final String META_SHA256 = "sha256";

    private final BucketWriter writer;
    private final BlobStore store;
    private final BackupConfig config;

    public DocumentUploader(BucketWriter writer, BlobStore store, BackupConfig config) {
        this.writer = writer;
        this.store = store;
        this.config = config;
    }

    /**
     * @param mayBeInBucket false only when a listing of this run showed no object under the document's key
     * @param bytesSent told of the bytes of each request S3 accepted
     * @param alive told of every read of the blob on its way to S3
     */
    ConfirmedVersion upload(PendingDocument doc, boolean mayBeInBucket, LongConsumer bytesSent, Runnable alive) {
        String key = ObjectKeys.document(doc.id());
        Path blob = store.pathOf(doc.sha256());
        if (!Files.isRegularFile(blob)) {
            throw new DocumentBackupFailure(doc.id(), "the local blob " + doc.sha256() + " is missing");
        }
        try {
            Optional<ConfirmedVersion> existing = mayBeInBucket ? adoptable(key, doc, blob) : Optional.empty();
            if (existing.isPresent()) {
                LOG.infof("Document %s was already in S3 as version %s (an earlier run was cut off); adopted", doc.id(),
                        existing.get().versionId());
                return existing.get();
            }
            if (doc.size() < config.multipartThreshold()) {
                return new ConfirmedVersion(key, single(key, doc, blob, bytesSent, alive), null, false, doc.size());
            }
            PartDigests.Composite[] composite = new PartDigests.Composite[1];
            String versionId = multipart(key, doc, blob, bytesSent, alive, composite);
            confirm(key, versionId, doc, ExpectedChecksum.composite(doc.sha256(), composite[0].checksum(),
                    composite[0].parts()));
            return new ConfirmedVersion(key, versionId, composite[0], false, doc.size());
        } catch (DocumentBackupFailure e) {
            throw e.documentId() == null ? new DocumentBackupFailure(doc.id(), e.getMessage(), e) : e;
        } catch (SdkException e) {
            RuntimeException sorted = writer.classify(key, e);
            throw sorted instanceof DocumentBackupFailure ? new DocumentBackupFailure(doc.id(), sorted.getMessage(), e)
                    : sorted;
        }
    }

    /**
     * {@link BucketWriter#put} has checked the response's checksum and version id and that the bytes
     * sent hashed to the catalog's SHA-256. The lock settings went on the same request, so S3 either
     * applied them or refused the PUT; where the response echoes them (emulators do, AWS does not),
     * the echo must match, else the version is read back and its retention set.
     */
    private String single(String key, PendingDocument doc, Path blob, LongConsumer bytesSent, Runnable alive) {
        PutObjectRequest.Builder request = writer.encrypted(PutObjectRequest.builder()).metadata(metadata(doc));
        lockSettings(doc, request);
        PutObjectResponse response = writer.put(key, () -> open(blob), doc.size(), doc.contentType(), doc.sha256(),
                request, alive);
        bytesSent.accept(doc.size());
        if (lockable(doc) && !echoedLockCovers(response, doc)) {
            confirm(key, response.versionId(), doc, ExpectedChecksum.wholeObject(doc.sha256()));
        }
        return response.versionId();
    }

    /** True unless the response names a lock that does not cover the document's retain-until. */
    private boolean echoedLockCovers(PutObjectResponse response, PendingDocument doc) {
        Optional<String> mode = response.sdkHttpResponse().firstMatchingHeader("x-amz-object-lock-mode");
        Optional<String> until = response.sdkHttpResponse().firstMatchingHeader("x-amz-object-lock-retain-until-date");
        if (mode.isEmpty() && until.isEmpty()) {
            return true;
        }
        try {
            return mode.isPresent() && until.isPresent() && mode.get().equals(lockMode().toString())
                    && !Instant.parse(until.get()).isBefore(doc.retainUntil());
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private String multipart(String key, PendingDocument doc, Path blob, LongConsumer bytesSent, Runnable alive,
            PartDigests.Composite[] confirmed) {
        S3Client s3 = writer.client();
        String bucket = writer.bucket();
        CreateMultipartUploadRequest.Builder create = CreateMultipartUploadRequest.builder().bucket(bucket).key(key)
                .contentType(doc.contentType()).metadata(metadata(doc)).checksumAlgorithm(ChecksumAlgorithm.SHA256)
                // The only type S3 has for SHA-256 in parts; named, so that S3 and emulators report it back.
                .checksumType(ChecksumType.COMPOSITE);
        if (config.kmsKeyId().isPresent()) {
            create.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(config.kmsKeyId().get());
        } else {
            create.serverSideEncryption(ServerSideEncryption.AES256);
        }
        if (lockable(doc)) {
            create.objectLockMode(lockMode()).objectLockRetainUntilDate(doc.retainUntil());
        }
        if (doc.legalHold()) {
            create.objectLockLegalHoldStatus(ObjectLockLegalHoldStatus.ON);
        }
        String uploadId = s3.createMultipartUpload(create.build()).uploadId();
        boolean completed = false;
        try {
            MessageDigest whole = Sha256.digest();
            ByteArrayOutputStream partDigests = new ByteArrayOutputStream();
            List<CompletedPart> parts = new ArrayList<>();
            long partSize = PartDigests.partSize(config.partSize());
            int number = 0;
            for (long offset = 0; offset < doc.size(); offset += partSize) {
                number++;
                long length = Math.min(partSize, doc.size() - offset);
                byte[] partDigest = PartDigests.region(blob, offset, length, whole);
                partDigests.writeBytes(partDigest);
                String partChecksum = java.util.Base64.getEncoder().encodeToString(partDigest);
                long from = offset;
                VerifyingContent content = new VerifyingContent(() -> openRegion(blob, from, length), length, alive);
                UploadPartResponse part = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                        .partNumber(parts.size() + 1).contentLength(length).checksumAlgorithm(ChecksumAlgorithm.SHA256)
                        .checksumSHA256(partChecksum), RequestBody.fromContentProvider(content, length,
                                "application/octet-stream"));
                String partHex = Sha256.hex(partDigest);
                if (!content.sentExactly(partHex)) {
                    throw new DocumentBackupFailure(doc.id(), "part " + number + " changed while it was sent");
                }
                if (part.checksumSHA256() != null && !part.checksumSHA256().equals(partChecksum)) {
                    throw new DocumentBackupFailure(doc.id(), "S3 did not confirm the checksum of part " + number);
                }
                parts.add(CompletedPart.builder().partNumber(number).eTag(part.eTag()).checksumSHA256(partChecksum)
                        .build());
                bytesSent.accept(length);
                if (number % 8 == 0) {
                    LOG.infof("Document %s: %d of %d parts sent (%.1f MB)", doc.id(), number,
                            (doc.size() + partSize - 1) / partSize, (offset + length) / 1e6);
                }
            }
            String wholeHex = Sha256.hex(whole.digest());
            if (!wholeHex.equals(doc.sha256())) {
                throw new DocumentBackupFailure(doc.id(), "the local blob hashes to " + wholeHex + ", not the recorded "
                        + doc.sha256() + "; upload abandoned");
            }
            CompleteMultipartUploadResponse done = s3.completeMultipartUpload(CompleteMultipartUploadRequest.builder()
                    .bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(parts)).build());
            completed = true;
            confirmed[0] = new PartDigests.Composite(PartDigests.composite(partDigests.toByteArray()), parts.size(),
                    partSize);
            String mismatch = ExpectedChecksum.composite(doc.sha256(), confirmed[0].checksum(), parts.size())
                    .mismatch(done.checksumSHA256(), done.checksumType(), done.versionId());
            if (done.checksumSHA256() != null && mismatch != null) {
                throw new DocumentBackupFailure(doc.id(), "completing the upload: " + mismatch);
            }
            if (done.versionId() == null) {
                throw new BucketUnavailable("the bucket " + bucket + " returned no version id: versioning is off", null);
            }
            LOG.infof("Document %s (%d bytes) uploaded in %d parts", doc.id(), doc.size(), parts.size());
            return done.versionId();
        } finally {
            if (!completed) {
                abortQuietly(bucket, key, uploadId);
            }
        }
    }

    /** Reads the version back (HEAD) and checks its checksum and lock; sets the retention if the PUT's did not stick. */
    private void confirm(String key, String versionId, PendingDocument doc, ExpectedChecksum expected) {
        HeadObjectResponse head = writer.client().headObject(b -> b.bucket(writer.bucket()).key(key)
                .versionId(versionId).checksumMode(ChecksumMode.ENABLED));
        String mismatch = expected.mismatch(head.checksumSHA256(), head.checksumType(), versionId);
        if (mismatch != null) {
            throw new DocumentBackupFailure(doc.id(), key + ": " + mismatch);
        }
        ensureLocked(key, versionId, doc, head);
    }

    /**
     * Object Lock is what makes the copy immutable, so it is read back, not assumed. A retain-until
     * already past (a class with no retention) cannot be set; the bucket's default retention applies.
     */
    private void ensureLocked(String key, String versionId, PendingDocument doc, HeadObjectResponse head) {
        if (!lockable(doc)) {
            return;
        }
        Instant until = head.objectLockRetainUntilDate();
        if (head.objectLockMode() != null && until != null && !until.isBefore(doc.retainUntil())) {
            return;
        }
        LOG.warnf("S3 version %s of %s came back without its retention; setting it explicitly", versionId, key);
        writer.client().putObjectRetention(b -> b.bucket(writer.bucket()).key(key).versionId(versionId)
                .checksumAlgorithm(ChecksumAlgorithm.SHA256)
                .retention(ObjectLockRetention.builder().mode(ObjectLockRetentionMode.fromValue(lockMode().toString()))
                        .retainUntilDate(doc.retainUntil()).build()));
    }

    private Optional<ConfirmedVersion> adoptable(String key, PendingDocument doc, Path blob) {
        HeadObjectResponse head;
        try {
            head = writer.client().headObject(b -> b.bucket(writer.bucket()).key(key).checksumMode(ChecksumMode.ENABLED));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
        if (!doc.sha256().equals(head.metadata().get(META_SHA256)) || head.contentLength() == null
                || head.contentLength() != doc.size() || head.checksumSHA256() == null) {
            return Optional.empty();
        }
        PartDigests.Composite composite = doc.size() >= config.multipartThreshold()
                ? PartDigests.of(blob, doc.size(), PartDigests.partSize(config.partSize()), null) : null;
        ExpectedChecksum expected = composite == null ? ExpectedChecksum.wholeObject(doc.sha256())
                : ExpectedChecksum.composite(doc.sha256(), composite.checksum(), composite.parts());
        if (expected.mismatch(head.checksumSHA256(), head.checksumType(), head.versionId()) != null) {
            return Optional.empty();
        }
        ensureLocked(key, head.versionId(), doc, head);
        return Optional.of(new ConfirmedVersion(key, head.versionId(), composite, true, 0));
    }

    static Map<String, String> metadata(PendingDocument doc) {
        return Map.of(META_DOCUMENT_ID, doc.id(),
                "file-name", URLEncoder.encode(doc.fileName(), StandardCharsets.UTF_8).replace("+", "%20"),
                "uploader", URLEncoder.encode(doc.owner(), StandardCharsets.UTF_8),
                "uploaded-at", doc.uploadedAt().toString(),
                META_SHA256, doc.sha256());
    }

    private void lockSettings(PendingDocument doc, PutObjectRequest.Builder request) {
        if (lockable(doc)) {
            request.objectLockMode(lockMode()).objectLockRetainUntilDate(doc.retainUntil());
        }
        if (doc.legalHold()) {
            request.objectLockLegalHoldStatus(ObjectLockLegalHoldStatus.ON);
        }
    }

    private static boolean lockable(PendingDocument doc) {
        return doc.retainUntil().isAfter(Instant.now().plusSeconds(60));
    }

    private ObjectLockMode lockMode() {
        return ObjectLockMode.fromValue(config.objectLockMode().toUpperCase(java.util.Locale.ROOT));
    }

    private static InputStream open(Path blob) {
        try {
            return Files.newInputStream(blob);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + blob, e);
        }
    }

    private static InputStream openRegion(Path blob, long offset, long length) {
        try {
            FileChannel channel = FileChannel.open(blob, StandardOpenOption.READ).position(offset);
            return BoundedInputStream.builder().setInputStream(Channels.newInputStream(channel)).setMaxCount(length)
                    .get();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + blob, e);
        }
    }

    private void abortQuietly(String bucket, String key, String uploadId) {
        try {
            writer.client().abortMultipartUpload(AbortMultipartUploadRequest.builder().bucket(bucket).key(key)
                    .uploadId(uploadId).build());
        } catch (SdkException e) {
            // The bucket's lifecycle rule removes incomplete uploads that an abort could not reach.
            LOG.warnf("Could not abort multipart upload of %s (%s); the lifecycle rule will remove it", key,
                    e.getMessage());
        }
    }
}
