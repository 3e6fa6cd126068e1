package dev.strongroom.statements;

import dev.strongroom.backup.BackupConfig;
import dev.strongroom.metadata.extract.SidecarKeys;
import dev.strongroom.metadata.statement.StatementSidecar;
import dev.strongroom.metadata.statement.StatementSidecarJson;
import dev.strongroom.metadata.statement.StatementValidator;
import dev.strongroom.store.BlobStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Where a statement's validation comes from: the vault's own lane (the same validator, over the local blob)
 * or the metadata Lambda's statement sidecar in the bucket. A sidecar is taken only when it describes the
 * catalog's SHA-256 of the document.
 */
@ApplicationScoped
public class StatementSidecars {

    private final BlobStore store;
    private final BackupConfig backup;
    private final S3Client s3;
    private final StatementValidator validator = new StatementValidator();

    public StatementSidecars(BlobStore store, BackupConfig backup, S3Client s3) {
        this.store = store;
        this.backup = backup;
        this.s3 = s3;
    }

    /** Validates the document's local bytes; empty when the blob is not on the volume (the sweep tries again). */
    public Optional<StatementSidecar> validateHere(String sha256, long size) throws IOException {
        try (InputStream in = Files.newInputStream(store.pathOf(sha256))) {
            return Optional.of(validator.validate(in, sha256, size));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    public boolean bucketConfigured() {
        return backup.bucket().filter(b -> !b.isBlank()).isPresent();
    }

    /**
     * The Lambda's sidecar of the document; empty while there is none yet.
     *
     * @throws IllegalArgumentException when it is unreadable or describes other bytes than {@code sha256}
     */
    public Optional<StatementSidecar> fromBucket(String documentId, String sha256) {
        byte[] json;
        try {
            json = s3.getObjectAsBytes(b -> b.bucket(backup.bucket().orElseThrow())
                    .key(SidecarKeys.statementOfDocument(documentId))).asByteArray();
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
        StatementSidecar sidecar = StatementSidecarJson.read(new String(json, StandardCharsets.UTF_8));
        if (!sha256.equals(sidecar.sha256())) {
            throw new IllegalArgumentException("the statement sidecar describes sha256 " + sidecar.sha256()
                    + ", the catalog has " + sha256);
        }
        return Optional.of(sidecar);
    }
}
