package dev.strongroom.storage;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
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
 * The primary S3 bucket as a {@link BackupTarget}. Every object gets the settings backup objects
 * share: SHA-256 checksum (S3 refuses bytes that do not match it), server-side encryption (aws:kms
 * under the configured key, else AES256), and the upload's Object Lock or the bucket's default.
 * <p>
 * A single PUT is confirmed by its own response: S3 answers 200 only after it checked the body
 * against the {@code x-amz-checksum-sha256} we sent and applied the lock settings of the same
 * request. In parts, each part's checksum and the whole upload's SHA-256 are checked locally before
 * completing; a part the source changed under abandons the upload.
 */
@ApplicationScoped
@Identifier("s3")
public class S3BackupTarget implements BackupTarget {

    private static final Logger LOG = Logger.getLogger(S3BackupTarget.class);

    /** S3 error codes that concern the bytes of one request, not the bucket. */
    private static final Set<String> CONTENT_ERRORS = Set.of("BadDigest", "InvalidDigest", "XAmzContentSHA256Mismatch",
            "InvalidRequest", "EntityTooLarge", "EntityTooSmall", "InvalidPart", "InvalidPartOrder");

    private final S3Client s3;
    private final Optional<String> bucket;
    private final Optional<String> kmsKeyId;

    // The bucket and key stay under strongroom.backup.* (BackupConfig documents them); storage may not import backup.
    public S3BackupTarget(S3Client s3, @ConfigProperty(name = "strongroom.backup.bucket") Optional<String> bucket,
            @ConfigProperty(name = "strongroom.backup.kms-key-id") Optional<String> kmsKeyId) {
        this.s3 = s3;
        this.bucket = bucket.filter(b -> !b.isBlank());
        this.kmsKeyId = kmsKeyId.filter(k -> !k.isBlank());
    }

    /**
     * Another bucket than the vault's, through a client of its region: the replica, or the bucket a
     * restore reads from. Objects put through it are encrypted with AES256, not the vault's KMS key.
     */
    public static S3BackupTarget forBucket(S3Client s3, String bucket) {
        return new S3BackupTarget(s3, Optional.of(bucket), Optional.empty());
    }

    @Override
    public boolean configured() {
        return bucket.isPresent();
    }

    @Override
    public String location() {
        return bucket.orElseThrow(() -> new IllegalStateException("strongroom.backup.bucket is not set"));
    }

    @Override
    public StoredVersion put(ObjectUpload upload) {
        try {
            return upload.inParts() ? inParts(upload) : single(upload, false);
        } catch (SdkException e) {
            throw classify(upload.key(), e, "writing");
        }
    }

    @Override
    public Optional<StoredVersion> putIfAbsent(ObjectUpload upload) {
        if (upload.inParts()) {
            throw new IllegalArgumentException("a conditional put is a single request: " + upload.key());
        }
        try {
            return Optional.of(single(upload, true));
        } catch (S3Exception e) {
            if (e.statusCode() == 412) {
                return Optional.empty();
            }
            throw classify(upload.key(), e, "writing");
        } catch (SdkException e) {
            throw classify(upload.key(), e, "writing");
        }
    }

    private StoredVersion single(ObjectUpload upload, boolean onlyIfAbsent) {
        String key = upload.key();
        long size = upload.size();
        String sha256Hex = upload.sha256();
        VerifyingContent content = new VerifyingContent(() -> upload.source().open(0, size), size, upload.onRead());
        PutObjectRequest.Builder request = PutObjectRequest.builder().bucket(location()).key(key)
                .contentType(upload.contentType()).contentLength(size).metadata(upload.metadata())
                .checksumAlgorithm(ChecksumAlgorithm.SHA256).checksumSHA256(Sha256.base64OfHex(sha256Hex));
        if (kmsKeyId.isPresent()) {
            request.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(kmsKeyId.get());
        } else {
            request.serverSideEncryption(ServerSideEncryption.AES256);
        }
        if (upload.retention() != null) {
            request.objectLockMode(ObjectLockMode.fromValue(upload.retention().mode()))
                    .objectLockRetainUntilDate(upload.retention().retainUntil());
        }
        if (upload.legalHold()) {
            request.objectLockLegalHoldStatus(ObjectLockLegalHoldStatus.ON);
        }
        if (onlyIfAbsent) {
            request.ifNoneMatch("*");
        }
        PutObjectResponse response = s3.putObject(request.build(),
                RequestBody.fromContentProvider(content, size, upload.contentType()));
        if (!content.sentExactly(sha256Hex)) {
            throw new ObjectRefused("the bytes sent for " + key + " hash to " + content.lastDigest()
                    + ", not " + sha256Hex + " (the local copy does not match its recorded SHA-256)");
        }
        if (response.checksumSHA256() == null || !Sha256.hexOfBase64(response.checksumSHA256()).equals(sha256Hex)) {
            throw new ObjectRefused("S3 did not confirm the SHA-256 of " + key + " (reported "
                    + response.checksumSHA256() + ")");
        }
        if (response.versionId() == null) {
            throw new BucketUnavailable("the bucket " + location() + " returned no version id for " + key
                    + ": versioning is off, so nothing it holds is protected", null);
        }
        upload.sent(size);
        return new StoredVersion(key, response.versionId(), null, echoedRetention(response));
    }

    /** The lock the response names, when it names one; a lock it names badly counts as none. */
    private static Retention echoedRetention(PutObjectResponse response) {
        if (response.sdkHttpResponse() == null) {
            return null;
        }
        Optional<String> mode = response.sdkHttpResponse().firstMatchingHeader("x-amz-object-lock-mode");
        Optional<String> until = response.sdkHttpResponse().firstMatchingHeader("x-amz-object-lock-retain-until-date");
        if (mode.isEmpty() && until.isEmpty()) {
            return null;
        }
        try {
            return new Retention(mode.orElse(""), until.map(Instant::parse).orElse(Instant.EPOCH));
        } catch (DateTimeParseException e) {
            return new Retention(mode.orElse(""), Instant.EPOCH);
        }
    }

    private StoredVersion inParts(ObjectUpload upload) {
        String key = upload.key();
        String bucketName = location();
        CreateMultipartUploadRequest.Builder create = CreateMultipartUploadRequest.builder().bucket(bucketName).key(key)
                .contentType(upload.contentType()).metadata(upload.metadata())
                .checksumAlgorithm(ChecksumAlgorithm.SHA256)
                // The only type S3 has for SHA-256 in parts; named, so that S3 and emulators report it back.
                .checksumType(ChecksumType.COMPOSITE);
        if (kmsKeyId.isPresent()) {
            create.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(kmsKeyId.get());
        } else {
            create.serverSideEncryption(ServerSideEncryption.AES256);
        }
        if (upload.retention() != null) {
            create.objectLockMode(ObjectLockMode.fromValue(upload.retention().mode()))
                    .objectLockRetainUntilDate(upload.retention().retainUntil());
        }
        if (upload.legalHold()) {
            create.objectLockLegalHoldStatus(ObjectLockLegalHoldStatus.ON);
        }
        String uploadId = s3.createMultipartUpload(create.build()).uploadId();
        boolean completed = false;
        try {
            MessageDigest whole = Sha256.digest();
            ByteArrayOutputStream partDigests = new ByteArrayOutputStream();
            List<CompletedPart> parts = new ArrayList<>();
            long size = upload.size();
            long partSize = upload.partSize();
            int number = 0;
            for (long offset = 0; offset < size; offset += partSize) {
                number++;
                long length = Math.min(partSize, size - offset);
                byte[] partDigest = digestOf(upload.source(), offset, length, whole);
                partDigests.writeBytes(partDigest);
                String partChecksum = Base64.getEncoder().encodeToString(partDigest);
                long from = offset;
                VerifyingContent content = new VerifyingContent(() -> upload.source().open(from, length), length,
                        upload.onRead());
                int partNumber = number;
                UploadPartResponse part = s3.uploadPart(b -> b.bucket(bucketName).key(key).uploadId(uploadId)
                        .partNumber(partNumber).contentLength(length).checksumAlgorithm(ChecksumAlgorithm.SHA256)
                        .checksumSHA256(partChecksum), RequestBody.fromContentProvider(content, length,
                                "application/octet-stream"));
                if (!content.sentExactly(Sha256.hex(partDigest))) {
                    throw new ObjectRefused("part " + number + " changed while it was sent");
                }
                if (part.checksumSHA256() != null && !part.checksumSHA256().equals(partChecksum)) {
                    throw new ObjectRefused("S3 did not confirm the checksum of part " + number);
                }
                parts.add(CompletedPart.builder().partNumber(number).eTag(part.eTag()).checksumSHA256(partChecksum)
                        .build());
                upload.sent(length);
                if (number % 8 == 0) {
                    LOG.infof("%s: %d of %d parts sent (%.1f MB)", key, number, (size + partSize - 1) / partSize,
                            (offset + length) / 1e6);
                }
            }
            String wholeHex = Sha256.hex(whole.digest());
            if (!wholeHex.equals(upload.sha256())) {
                throw new ObjectRefused("the local blob hashes to " + wholeHex + ", not the recorded "
                        + upload.sha256() + "; upload abandoned");
            }
            CompleteMultipartUploadResponse done = s3.completeMultipartUpload(CompleteMultipartUploadRequest.builder()
                    .bucket(bucketName).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(parts)).build());
            completed = true;
            PartDigests.Composite composite = new PartDigests.Composite(
                    PartDigests.composite(partDigests.toByteArray()), parts.size(), partSize);
            String mismatch = ExpectedChecksum.composite(upload.sha256(), composite.checksum(), parts.size())
                    .mismatch(done.checksumSHA256(), done.checksumType(), done.versionId());
            if (done.checksumSHA256() != null && mismatch != null) {
                throw new ObjectRefused("completing the upload: " + mismatch);
            }
            if (done.versionId() == null) {
                throw new BucketUnavailable("the bucket " + bucketName + " returned no version id: versioning is off",
                        null);
            }
            LOG.debugf("%s (%d bytes) uploaded in %d parts", key, size, parts.size());
            return new StoredVersion(key, done.versionId(), composite, null);
        } finally {
            if (!completed) {
                abortQuietly(bucketName, key, uploadId);
            }
        }
    }

    private static byte[] digestOf(ObjectSource source, long offset, long length, MessageDigest alsoInto) {
        MessageDigest part = Sha256.digest();
        byte[] buffer = new byte[1024 * 1024];
        long read = 0;
        try (InputStream in = source.open(offset, length)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                part.update(buffer, 0, n);
                alsoInto.update(buffer, 0, n);
                read += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (read < length) {
            throw new ObjectRefused("the local blob is shorter than its recorded size");
        }
        return part.digest();
    }

    private void abortQuietly(String bucketName, String key, String uploadId) {
        try {
            s3.abortMultipartUpload(AbortMultipartUploadRequest.builder().bucket(bucketName).key(key)
                    .uploadId(uploadId).build());
        } catch (SdkException e) {
            // The bucket's lifecycle rule removes incomplete uploads that an abort could not reach.
            LOG.warnf("Could not abort multipart upload of %s (%s); the lifecycle rule will remove it", key,
                    e.getMessage());
        }
    }

    @Override
    public Optional<ObjectInfo> head(String key, String versionId) {
        HeadObjectResponse head;
        try {
            head = s3.headObject(b -> {
                b.bucket(location()).key(key).checksumMode(ChecksumMode.ENABLED);
                if (versionId != null) {
                    b.versionId(versionId);
                }
            });
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            // 400 for a version id S3 does not know (moto; AWS answers 404): that version is not there either.
            if (e.statusCode() == 404 || e.statusCode() == 400 && versionId != null) {
                return Optional.empty();
            }
            throw classify(key, e, "reading");
        } catch (SdkException e) {
            throw classify(key, e, "reading");
        }
        Retention retention = head.objectLockMode() == null || head.objectLockRetainUntilDate() == null ? null
                : new Retention(head.objectLockMode().toString(), head.objectLockRetainUntilDate());
        return Optional.of(new ObjectInfo(key, head.versionId(), head.contentLength() == null ? -1 : head.contentLength(),
                head.checksumSHA256(), head.checksumType(), head.metadata(), retention, head.lastModified()));
    }

    @Override
    public InputStream open(String key, String versionId) {
        return get(key, versionId, null);
    }

    @Override
    public InputStream openFrom(String key, String versionId, long offset) {
        return get(key, versionId, "bytes=" + offset + "-");
    }

    private InputStream get(String key, String versionId, String range) {
        try {
            return readFailuresAsIo(s3.getObject(b -> {
                b.bucket(location()).key(key).range(range);
                if (versionId != null) {
                    b.versionId(versionId);
                }
            }));
        } catch (NoSuchKeyException e) {
            throw new ObjectMissing(key, versionId, e);
        } catch (S3Exception e) {
            // As for head: moto answers 400 for a version id it does not know, AWS 404.
            if (e.statusCode() == 404 || e.statusCode() == 400 && versionId != null) {
                throw new ObjectMissing(key, versionId, e);
            }
            throw classify(key, e, "reading");
        } catch (SdkException e) {
            throw classify(key, e, "reading");
        }
    }

    /** The SDK fails a read of the body with its own unchecked exceptions; a stream's callers expect IOException. */
    private static InputStream readFailuresAsIo(InputStream body) {
        return new FilterInputStream(body) {
            @Override
            public int read() throws IOException {
                try {
                    return super.read();
                } catch (SdkException e) {
                    throw new IOException(e.getMessage(), e);
                }
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                try {
                    return super.read(b, off, len);
                } catch (SdkException e) {
                    throw new IOException(e.getMessage(), e);
                }
            }
        };
    }

    @Override
    public List<ListedObject> list(String prefix) {
        try {
            return s3.listObjectsV2Paginator(b -> b.bucket(location()).prefix(prefix)).contents().stream()
                    .map(o -> new ListedObject(o.key(), o.size() == null ? -1 : o.size(), o.lastModified())).toList();
        } catch (SdkException e) {
            throw classify(prefix, e, "listing");
        }
    }

    @Override
    public List<ListedVersion> versions(String prefix) {
        try {
            return s3.listObjectVersionsPaginator(b -> b.bucket(location()).prefix(prefix)).versions().stream()
                    .map(v -> new ListedVersion(v.key(), v.versionId(), v.size() == null ? -1 : v.size(),
                            Boolean.TRUE.equals(v.isLatest()), v.lastModified()))
                    .toList();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return List.of();
            }
            throw classify(prefix, e, "listing");
        } catch (SdkException e) {
            throw classify(prefix, e, "listing");
        }
    }

    @Override
    public void probe() {
        try {
            s3.headBucket(b -> b.bucket(location()));
        } catch (SdkException e) {
            // The SDK's words alone: callers show them to people as the reason the bucket was not read.
            throw new BucketUnavailable(e.getMessage(), e);
        }
    }

    @Override
    public void retain(String key, String versionId, Retention retention) {
        try {
            s3.putObjectRetention(b -> b.bucket(location()).key(key).versionId(versionId)
                    .checksumAlgorithm(ChecksumAlgorithm.SHA256)
                    .retention(ObjectLockRetention.builder().mode(ObjectLockRetentionMode.fromValue(retention.mode()))
                            .retainUntilDate(retention.retainUntil()).build()));
        } catch (SdkException e) {
            throw classify(key, e, "writing");
        }
    }

    /** Sorts an SDK failure (after the SDK's retries) into a per-object refusal or an unusable bucket. */
    private StorageFailure classify(String key, SdkException e, String doing) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null
                && CONTENT_ERRORS.contains(service.awsErrorDetails().errorCode())) {
            return new ObjectRefused("S3 refused " + key + ": " + service.awsErrorDetails().errorCode()
                    + " " + service.awsErrorDetails().errorMessage(), e);
        }
        return new BucketUnavailable("bucket " + location() + " unavailable while " + doing + " " + key + ": "
                + e.getMessage(), e);
    }
}
