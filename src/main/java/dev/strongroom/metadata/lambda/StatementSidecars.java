package dev.strongroom.metadata.lambda;

import dev.strongroom.metadata.extract.SidecarKeys;
import dev.strongroom.metadata.statement.StatementSidecar;
import dev.strongroom.metadata.statement.StatementSidecarJson;
import dev.strongroom.metadata.statement.StatementValidator;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * Gives a statement (a document of the retention class {@value StatementValidator#RETENTION_CLASS}, which the
 * backup names in the object's {@code retention-class} metadata) its statement sidecar
 * {@code metadata/documents/<id>.statement.json}: the validation against the declared schema, with the lines
 * when the file is valid and every refused row when it is not. Idempotent like the metadata sidecar: one
 * made from the same SHA-256 is left as it is. Any other document is not touched.
 */
final class StatementSidecars {

    private static final System.Logger LOG = System.getLogger(StatementSidecars.class.getName());
    static final String META_RETENTION_CLASS = "retention-class";

    private final S3Client s3;
    private final StatementValidator validator = new StatementValidator();

    StatementSidecars(S3Client s3) {
        this.s3 = s3;
    }

    static boolean isStatement(HeadObjectResponse head) {
        return StatementValidator.RETENTION_CLASS.equals(head.metadata().get(META_RETENTION_CLASS));
    }

    /** Validates the object when it is a statement without a sidecar for these bytes; returns the verdict written. */
    Optional<StatementSidecar> process(ObjectCreated object, HeadObjectResponse head, String sha256) throws IOException {
        if (!isStatement(head)) {
            return Optional.empty();
        }
        String key = SidecarKeys.statementOf(object.key());
        if (ObjectExtraction.existingSidecarSha256(s3, object.bucket(), key).filter(sha256::equals).isPresent()) {
            LOG.log(Level.INFO, "{0} already has its statement sidecar for {1}; nothing to do", object.key(), sha256);
            return Optional.empty();
        }
        StatementSidecar sidecar;
        try (InputStream in = s3.getObject(b -> b.bucket(object.bucket()).key(object.key())
                .versionId(head.versionId()))) {
            sidecar = validator.validate(in, sha256, head.contentLength());
        }
        Map<String, String> metadata = head.versionId() == null
                ? Map.of(SidecarKeys.META_SOURCE_SHA256, sha256, SidecarKeys.META_STATUS, sidecar.status().json())
                : Map.of(SidecarKeys.META_SOURCE_SHA256, sha256, SidecarKeys.META_SOURCE_VERSION, head.versionId(),
                        SidecarKeys.META_STATUS, sidecar.status().json());
        // A SHA-256 checksum, as for every write to the Object-Locked bucket.
        s3.putObject(b -> b.bucket(object.bucket()).key(key).contentType("application/json").metadata(metadata)
                .checksumAlgorithm(ChecksumAlgorithm.SHA256),
                RequestBody.fromBytes(StatementSidecarJson.write(sidecar).getBytes(StandardCharsets.UTF_8)));
        LOG.log(Level.INFO, "{0}: statement {1}, {2} lines, {3} errors, in {4} ms", object.key(), sidecar.status().json(),
                sidecar.lineCount(), sidecar.errorCount(), sidecar.millis());
        return Optional.of(sidecar);
    }
}
