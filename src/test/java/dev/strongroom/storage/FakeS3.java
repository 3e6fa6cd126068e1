package dev.strongroom.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * An in-memory bucket for plain unit tests of the confirmation path. Like S3 it checks the body
 * against the {@code x-amz-checksum-sha256} it was sent and refuses a mismatch (BadDigest); unlike
 * S3, a test can make its answer lie ({@link #answers}) to see the vault refuse to count it.
 */
final class FakeS3 implements S3Client {

    record Stored(String key, String versionId, byte[] bytes, PutObjectRequest request) {
    }

    final List<Stored> versions = new ArrayList<>();
    final Map<String, Integer> putsPerKey = new HashMap<>();
    /** Rewrites each PUT response before it is returned: the fault a test injects. */
    UnaryOperator<PutObjectResponse.Builder> answers = UnaryOperator.identity();
    /** When set, every PUT fails with this status and error code, as a broken or unreachable bucket does. */
    String failWith;
    int failStatus;
    /** False for an endpoint that does not check the body (some emulators): it echoes whatever checksum it was sent. */
    boolean checksBodies = true;

    @Override
    public PutObjectResponse putObject(PutObjectRequest request, RequestBody body) {
        putsPerKey.merge(request.key(), 1, Integer::sum);
        if (failWith != null) {
            throw error(failStatus, failWith);
        }
        byte[] bytes;
        try (InputStream in = body.contentStreamProvider().newStream()) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String checksum = Base64.getEncoder().encodeToString(Sha256.digest().digest(bytes));
        if (!checksBodies && request.checksumSHA256() != null) {
            checksum = request.checksumSHA256();
        } else if (request.checksumSHA256() != null && !request.checksumSHA256().equals(checksum)) {
            throw error(400, "BadDigest");
        }
        String versionId = UUID.randomUUID().toString();
        versions.add(new Stored(request.key(), versionId, bytes, request));
        return answers.apply(PutObjectResponse.builder().checksumSHA256(checksum).versionId(versionId)).build();
    }

    static S3Exception error(int status, String code) {
        return (S3Exception) S3Exception.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code + " (fake)").build())
                .message(code).build();
    }

    @Override
    public String serviceName() {
        return "s3";
    }

    @Override
    public void close() {
    }
}
