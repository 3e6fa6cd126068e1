package dev.strongroom.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Supplier;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * Writes objects to the primary bucket with the settings every backup object shares: SHA-256
 * checksum (S3 refuses bytes that do not match it), server-side encryption (aws:kms under the
 * configured key, else AES256), and the bucket's default Object Lock retention.
 * <p>
 * Contract: a write either returns the version id of an object whose checksum S3 reported back
 * equal to ours and whose sent bytes hashed to it, or throws. {@link DocumentBackupFailure} means
 * these bytes were refused; {@link BucketUnavailable} means the bucket is not usable right now.
 * Retries (throttling, 5xx, timeouts) happen inside the SDK, never here.
 */
@ApplicationScoped
public class BucketWriter {

    /** S3 error codes that concern the bytes of one request, not the bucket. */
    private static final Set<String> CONTENT_ERRORS = Set.of("BadDigest", "InvalidDigest", "XAmzContentSHA256Mismatch",
            "InvalidRequest", "EntityTooLarge", "EntityTooSmall", "InvalidPart", "InvalidPartOrder");

    private final S3Client s3;
    private final BackupConfig config;

    public BucketWriter(S3Client s3, BackupConfig config) {
        this.s3 = s3;
        this.config = config;
    }

    public String bucket() {
        return config.bucket().orElseThrow(() -> new IllegalStateException("strongroom.backup.bucket is not set"));
    }

    S3Client client() {
        return s3;
    }

    /** Fills in encryption; callers add key, type, metadata and lock settings. */
    PutObjectRequest.Builder encrypted(PutObjectRequest.Builder request) {
        if (config.kmsKeyId().isPresent()) {
            return request.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(config.kmsKeyId().get());
        }
        return request.serverSideEncryption(ServerSideEncryption.AES256);
    }

    /** Uploads a small local file (manifest, catalog export, journal segment); returns its version id. */
    public String putFile(String key, Path file, String contentType, String sha256Hex) {
        return putFile(key, file, contentType, sha256Hex, null);
    }

    /** As {@link #putFile(String, Path, String, String)}, telling {@code onRead} of every read of the file. */
    String putFile(String key, Path file, String contentType, String sha256Hex, Runnable onRead) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return put(key, () -> {
            try {
                return Files.newInputStream(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }, size, contentType, sha256Hex, encrypted(PutObjectRequest.builder()), onRead).versionId();
    }

    /** Uploads with the request's extra settings; returns S3's response, whose checksum and version id are checked. */
    PutObjectResponse put(String key, Supplier<java.io.InputStream> bytes, long size, String contentType,
            String sha256Hex, PutObjectRequest.Builder request, Runnable onRead) {
        VerifyingContent content = new VerifyingContent(bytes, size, onRead);
        PutObjectResponse response;
        try {
            response = s3.putObject(request.bucket(bucket()).key(key).contentType(contentType).contentLength(size)
                    .checksumAlgorithm(ChecksumAlgorithm.SHA256).checksumSHA256(Sha256.base64OfHex(sha256Hex))
                    .build(), RequestBody.fromContentProvider(content, size, contentType));
        } catch (SdkException e) {
            throw classify(key, e);
        }
        if (!content.sentExactly(sha256Hex)) {
            throw new DocumentBackupFailure(null, "the bytes sent for " + key + " hash to " + content.lastDigest()
                    + ", not " + sha256Hex + " (the local copy does not match its recorded SHA-256)");
        }
        if (response.checksumSHA256() == null || !Sha256.hexOfBase64(response.checksumSHA256()).equals(sha256Hex)) {
            throw new DocumentBackupFailure(null, "S3 did not confirm the SHA-256 of " + key + " (reported "
                    + response.checksumSHA256() + ")");
        }
        if (response.versionId() == null) {
            throw new BucketUnavailable("the bucket " + bucket() + " returned no version id for " + key
                    + ": versioning is off, so nothing it holds is protected", null);
        }
        return response;
    }

    /** Sorts an SDK failure (after the SDK's retries) into a per-object refusal or an unusable bucket. */
    RuntimeException classify(String key, SdkException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null
                && CONTENT_ERRORS.contains(service.awsErrorDetails().errorCode())) {
            return new DocumentBackupFailure(null, "S3 refused " + key + ": " + service.awsErrorDetails().errorCode()
                    + " " + service.awsErrorDetails().errorMessage(), e);
        }
        return new BucketUnavailable("bucket " + bucket() + " unavailable while writing " + key + ": "
                + e.getMessage(), e);
    }
}
