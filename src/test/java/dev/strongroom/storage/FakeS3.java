package dev.strongroom.storage;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;
import software.amazon.awssdk.services.s3.model.HeadBucketResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsRequest;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectLockLegalHoldStatus;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRetentionRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRetentionResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * An in-memory versioned bucket under Object Lock for plain unit tests of {@link S3BackupTarget}.
 * Like S3 it checks every body (a PUT, a part) against the {@code x-amz-checksum-sha256} it was sent
 * and refuses a mismatch (BadDigest); completes an upload only from parts it holds, in order, each
 * but the last at least 5 MiB, with the composite SHA-256 ("-" and the part count appended, as AWS
 * does); keeps every version; lets a COMPLIANCE retention be extended but never shortened
 * (AccessDenied); pages listings at 1,000 entries; and answers 404 for what is not there. Unlike S3,
 * a test can make its answers lie ({@link #answers}, {@link #partAnswers}, {@link #completeAnswers})
 * or fail ({@link #fail}) to see the vault refuse to count them.
 */
final class FakeS3 implements S3Client {

    /** S3's page size for listings, whatever a request asks for above it. */
    static final int PAGE = 1000;
    /** The one kind of range the vault asks for: from an offset to the end. */
    private static final Pattern OPEN_RANGE = Pattern.compile("bytes=(\\d+)-");

    /** One version. {@code request} is the PUT that made it; null when it was completed from parts. */
    record Stored(String key, String versionId, byte[] bytes, String checksum, ChecksumType checksumType,
            Map<String, String> metadata, Retention retention, boolean legalHold, Instant lastModified,
            PutObjectRequest request) {

        Stored retained(Retention newer) {
            return new Stored(key, versionId, bytes, checksum, checksumType, metadata, newer, legalHold, lastModified,
                    request);
        }
    }

    record Part(int number, byte[] bytes, String checksum, String eTag) {
    }

    /** A multipart upload under way: what created it and the parts received so far. */
    record Upload(CreateMultipartUploadRequest request, Map<Integer, Part> parts) {
    }

    /** Every version of every key, oldest first. */
    final List<Stored> versions = new ArrayList<>();
    final Map<String, Integer> putsPerKey = new HashMap<>();
    /** Multipart uploads created and neither completed nor aborted: their parts are invisible but kept. */
    final Map<String, Upload> uploads = new HashMap<>();
    final List<String> aborted = new ArrayList<>();
    final List<CreateMultipartUploadRequest> created = new ArrayList<>();
    /** Requests that fail, by operation name ("UploadPart", "HeadObject", ...), as a test set them up. */
    private final Map<String, SdkException> faults = new HashMap<>();
    /** Rewrites each PUT response before it is returned: the fault a test injects. */
    UnaryOperator<PutObjectResponse.Builder> answers = UnaryOperator.identity();
    UnaryOperator<UploadPartResponse.Builder> partAnswers = UnaryOperator.identity();
    UnaryOperator<CompleteMultipartUploadResponse.Builder> completeAnswers = UnaryOperator.identity();
    /** When set, every request fails with this status and error code, as a broken or unreachable bucket does. */
    String failWith;
    int failStatus;
    /** False for an endpoint that does not check the body (some emulators): it echoes whatever checksum it was sent. */
    boolean checksBodies = true;
    /** True to name the lock of a PUT in its answer's headers, as emulators do (AWS does not). */
    boolean echoesLock;
    /** The status of a HEAD for a version id the bucket does not know: 404 on AWS, 400 on moto. */
    int unknownVersionStatus = 404;
    /** Pages served by listings, so a test can see that a listing went past the first. */
    int pagesListed;

    /** Makes every {@code operation} request fail with this status and S3 error code. */
    void fail(String operation, int status, String code) {
        fail(operation, error(status, code));
    }

    /** Makes every {@code operation} request fail with {@code failure} (an unreachable endpoint, say). */
    void fail(String operation, SdkException failure) {
        faults.put(operation, failure);
    }

    @Override
    public PutObjectResponse putObject(PutObjectRequest request, RequestBody body) {
        putsPerKey.merge(request.key(), 1, Integer::sum);
        before("PutObject");
        if ("*".equals(request.ifNoneMatch()) && newest(request.key()).isPresent()) {
            throw error(412, "PreconditionFailed");
        }
        byte[] bytes = read(body);
        String checksum = verified(bytes, request.checksumSHA256());
        Retention retention = lockOf(request.objectLockMode(), request.objectLockRetainUntilDate());
        Stored stored = add(request.key(), bytes, checksum, ChecksumType.FULL_OBJECT, request.metadata(), retention,
                request.objectLockLegalHoldStatus() == ObjectLockLegalHoldStatus.ON, request);
        PutObjectResponse.Builder response = PutObjectResponse.builder().checksumSHA256(checksum)
                .versionId(stored.versionId());
        SdkHttpResponse.Builder http = SdkHttpResponse.builder().statusCode(200);
        if (echoesLock && retention != null) {
            http.putHeader("x-amz-object-lock-mode", retention.mode())
                    .putHeader("x-amz-object-lock-retain-until-date", retention.retainUntil().toString());
        }
        response.sdkHttpResponse(http.build());
        return answers.apply(response).build();
    }

    @Override
    public CreateMultipartUploadResponse createMultipartUpload(CreateMultipartUploadRequest request) {
        before("CreateMultipartUpload");
        created.add(request);
        String uploadId = UUID.randomUUID().toString();
        uploads.put(uploadId, new Upload(request, new TreeMap<>()));
        return CreateMultipartUploadResponse.builder().bucket(request.bucket()).key(request.key()).uploadId(uploadId)
                .build();
    }

    @Override
    public UploadPartResponse uploadPart(UploadPartRequest request, RequestBody body) {
        before("UploadPart");
        Upload upload = upload(request.uploadId());
        if (request.partNumber() == null || request.partNumber() < 1 || request.partNumber() > 10_000) {
            throw error(400, "InvalidArgument");
        }
        byte[] bytes = read(body);
        String checksum = verified(bytes, request.checksumSHA256());
        String eTag = "\"" + UUID.randomUUID() + "\"";
        upload.parts().put(request.partNumber(), new Part(request.partNumber(), bytes, checksum, eTag));
        return partAnswers.apply(UploadPartResponse.builder().eTag(eTag).checksumSHA256(checksum)).build();
    }

    @Override
    public CompleteMultipartUploadResponse completeMultipartUpload(CompleteMultipartUploadRequest request) {
        before("CompleteMultipartUpload");
        Upload upload = upload(request.uploadId());
        List<CompletedPart> listed = request.multipartUpload().parts();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ByteArrayOutputStream digests = new ByteArrayOutputStream();
        int previous = 0;
        for (int i = 0; i < listed.size(); i++) {
            CompletedPart named = listed.get(i);
            if (named.partNumber() <= previous) {
                throw error(400, "InvalidPartOrder");
            }
            previous = named.partNumber();
            Part part = upload.parts().get(named.partNumber());
            if (part == null || !part.eTag().equals(named.eTag())
                    || named.checksumSHA256() != null && !named.checksumSHA256().equals(part.checksum())) {
                throw error(400, "InvalidPart");
            }
            if (i < listed.size() - 1 && part.bytes().length < PartDigests.MIN_PART_SIZE) {
                throw error(400, "EntityTooSmall");
            }
            bytes.writeBytes(part.bytes());
            digests.writeBytes(Base64.getDecoder().decode(part.checksum()));
        }
        uploads.remove(request.uploadId());
        CreateMultipartUploadRequest create = upload.request();
        String checksum = PartDigests.composite(digests.toByteArray()) + "-" + listed.size();
        Stored stored = add(create.key(), bytes.toByteArray(), checksum, ChecksumType.COMPOSITE, create.metadata(),
                lockOf(create.objectLockMode(), create.objectLockRetainUntilDate()),
                create.objectLockLegalHoldStatus() == ObjectLockLegalHoldStatus.ON, null);
        return completeAnswers.apply(CompleteMultipartUploadResponse.builder().bucket(request.bucket())
                .key(request.key()).versionId(stored.versionId()).checksumSHA256(checksum)
                .checksumType(ChecksumType.COMPOSITE)).build();
    }

    @Override
    public AbortMultipartUploadResponse abortMultipartUpload(AbortMultipartUploadRequest request) {
        before("AbortMultipartUpload");
        upload(request.uploadId());
        uploads.remove(request.uploadId());
        aborted.add(request.uploadId());
        return AbortMultipartUploadResponse.builder().build();
    }

    @Override
    public HeadObjectResponse headObject(HeadObjectRequest request) {
        before("HeadObject");
        Stored v = find(request.key(), request.versionId(), unknownVersionStatus);
        boolean checksums = request.checksumMode() == ChecksumMode.ENABLED;
        HeadObjectResponse.Builder head = HeadObjectResponse.builder().versionId(v.versionId())
                .contentLength((long) v.bytes().length).metadata(v.metadata()).lastModified(v.lastModified())
                .checksumSHA256(checksums ? v.checksum() : null).checksumType(checksums ? v.checksumType() : null)
                .objectLockLegalHoldStatus(v.legalHold() ? ObjectLockLegalHoldStatus.ON : null);
        if (v.retention() != null) {
            head.objectLockMode(v.retention().mode()).objectLockRetainUntilDate(v.retention().retainUntil());
        }
        return head.build();
    }

    @Override
    public ResponseInputStream<GetObjectResponse> getObject(GetObjectRequest request) {
        before("GetObject");
        Stored v = find(request.key(), request.versionId(), 404);
        byte[] bytes = v.bytes();
        if (request.range() != null) {
            Matcher from = OPEN_RANGE.matcher(request.range());
            if (!from.matches()) {
                throw new IllegalArgumentException("FakeS3 serves only ranges from an offset to the end: "
                        + request.range());
            }
            int offset = Integer.parseInt(from.group(1));
            if (offset >= bytes.length) {
                throw error(416, "InvalidRange");
            }
            bytes = Arrays.copyOfRange(bytes, offset, bytes.length);
        }
        return new ResponseInputStream<>(GetObjectResponse.builder().versionId(v.versionId())
                .contentLength((long) bytes.length).build(),
                AbortableInputStream.create(new ByteArrayInputStream(bytes)));
    }

    @Override
    public HeadBucketResponse headBucket(HeadBucketRequest request) {
        before("HeadBucket");
        return HeadBucketResponse.builder().build();
    }

    @Override
    public ListObjectsV2Response listObjectsV2(ListObjectsV2Request request) {
        before("ListObjectsV2");
        pagesListed++;
        String after = request.continuationToken() == null ? ""
                : new String(Base64.getDecoder().decode(request.continuationToken()), StandardCharsets.UTF_8);
        int max = Math.min(request.maxKeys() == null ? PAGE : request.maxKeys(), PAGE);
        TreeMap<String, Stored> newest = new TreeMap<>();
        for (Stored v : versions) {
            if (v.key().startsWith(prefixOf(request.prefix())) && v.key().compareTo(after) > 0) {
                newest.put(v.key(), v);
            }
        }
        List<S3Object> page = newest.values().stream().limit(max)
                .map(v -> S3Object.builder().key(v.key()).size((long) v.bytes().length).lastModified(v.lastModified())
                        .build())
                .toList();
        boolean truncated = newest.size() > max;
        return ListObjectsV2Response.builder().contents(page).keyCount(page.size()).isTruncated(truncated)
                .nextContinuationToken(truncated ? Base64.getEncoder().encodeToString(
                        page.get(page.size() - 1).key().getBytes(StandardCharsets.UTF_8)) : null)
                .build();
    }

    @Override
    public ListObjectVersionsResponse listObjectVersions(ListObjectVersionsRequest request) {
        before("ListObjectVersions");
        pagesListed++;
        TreeMap<String, List<Stored>> byKey = new TreeMap<>();
        for (Stored v : versions) {
            if (v.key().startsWith(prefixOf(request.prefix()))) {
                byKey.computeIfAbsent(v.key(), k -> new ArrayList<>()).add(0, v);
            }
        }
        List<ObjectVersion> all = new ArrayList<>();
        byKey.forEach((key, newestFirst) -> {
            for (int i = 0; i < newestFirst.size(); i++) {
                Stored v = newestFirst.get(i);
                all.add(ObjectVersion.builder().key(key).versionId(v.versionId()).size((long) v.bytes().length)
                        .isLatest(i == 0).lastModified(v.lastModified()).build());
            }
        });
        int from = 0;
        if (request.keyMarker() != null) {
            while (from < all.size() && !(all.get(from).key().equals(request.keyMarker())
                    && all.get(from).versionId().equals(request.versionIdMarker()))) {
                from++;
            }
            from++;
        }
        int max = Math.min(request.maxKeys() == null ? PAGE : request.maxKeys(), PAGE);
        List<ObjectVersion> page = all.subList(Math.min(from, all.size()), Math.min(from + max, all.size()));
        boolean truncated = from + max < all.size();
        ListObjectVersionsResponse.Builder response = ListObjectVersionsResponse.builder()
                .versions(List.copyOf(page)).isTruncated(truncated);
        if (truncated) {
            ObjectVersion last = page.get(page.size() - 1);
            response.nextKeyMarker(last.key()).nextVersionIdMarker(last.versionId());
        }
        return response.build();
    }

    @Override
    public PutObjectRetentionResponse putObjectRetention(PutObjectRetentionRequest request) {
        before("PutObjectRetention");
        Stored v = find(request.key(), request.versionId(), 404);
        Retention wanted = new Retention(request.retention().modeAsString(), request.retention().retainUntilDate());
        Retention held = v.retention();
        if (held != null && held.retainUntil().isAfter(Instant.now()) && !wanted.covers(held)) {
            throw error(403, "AccessDenied");
        }
        versions.set(versions.indexOf(v), v.retained(wanted));
        return PutObjectRetentionResponse.builder().build();
    }

    /** The newest version of {@code key} S3 holds, if any. */
    Optional<Stored> newest(String key) {
        return versions.stream().filter(v -> v.key().equals(key)).reduce((older, newer) -> newer);
    }

    static S3Exception error(int status, String code) {
        return (S3Exception) S3Exception.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code + " (fake)").build())
                .message(code).build();
    }

    private void before(String operation) {
        if (failWith != null) {
            throw error(failStatus, failWith);
        }
        SdkException fault = faults.get(operation);
        if (fault != null) {
            throw fault;
        }
    }

    private String verified(byte[] bytes, String sentChecksum) {
        String checksum = Base64.getEncoder().encodeToString(Sha256.digest().digest(bytes));
        if (!checksBodies && sentChecksum != null) {
            return sentChecksum;
        }
        if (sentChecksum != null && !sentChecksum.equals(checksum)) {
            throw error(400, "BadDigest");
        }
        return checksum;
    }

    private Stored add(String key, byte[] bytes, String checksum, ChecksumType type, Map<String, String> metadata,
            Retention retention, boolean legalHold, PutObjectRequest request) {
        Stored stored = new Stored(key, UUID.randomUUID().toString(), bytes, checksum, type, Map.copyOf(metadata),
                retention, legalHold, Instant.now(), request);
        versions.add(stored);
        return stored;
    }

    private Upload upload(String uploadId) {
        Upload upload = uploads.get(uploadId);
        if (upload == null) {
            throw error(404, "NoSuchUpload");
        }
        return upload;
    }

    private Stored find(String key, String versionId, int unknownVersion) {
        List<Stored> ofKey = versions.stream().filter(v -> v.key().equals(key)).toList();
        if (ofKey.isEmpty()) {
            throw (NoSuchKeyException) NoSuchKeyException.builder().statusCode(404)
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode("NoSuchKey").build()).message("NoSuchKey")
                    .build();
        }
        if (versionId == null) {
            return ofKey.get(ofKey.size() - 1);
        }
        return ofKey.stream().filter(v -> v.versionId().equals(versionId)).findFirst()
                .orElseThrow(() -> error(unknownVersion, unknownVersion == 404 ? "NoSuchVersion" : "InvalidArgument"));
    }

    private static Retention lockOf(ObjectLockMode mode, Instant until) {
        return mode == null || until == null ? null : new Retention(mode.toString(), until);
    }

    private static String prefixOf(String prefix) {
        return prefix == null ? "" : prefix;
    }

    private static byte[] read(RequestBody body) {
        try (InputStream in = body.contentStreamProvider().newStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String serviceName() {
        return "s3";
    }

    @Override
    public void close() {
    }
}
