package dev.strongroom.compliance;

import dev.strongroom.backup.MotoEmulator;
import dev.strongroom.backup.MotoTestResource;
import dev.strongroom.catalog.Document;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Makes S3 and the catalog disagree about a backed-up document the only way Object Lock allows: a
 * new version with other bytes under the document's key, recorded in the catalog as the backup
 * version. {@link #close()} points the catalog back at the genuine version.
 */
final class BackedUpTampering implements AutoCloseable {

    private final String documentId;
    private final String genuineVersion;
    final String forgedVersion;

    BackedUpTampering(String documentId) {
        this.documentId = documentId;
        this.genuineVersion = QuarkusTransaction.requiringNew()
                .call(() -> Document.<Document>findById(documentId).backupVersionId);
        try (S3Client s3 = MotoTestResource.emulator().client(MotoEmulator.REGION)) {
            this.forgedVersion = s3.putObject(b -> b.bucket(MotoEmulator.BUCKET).key("documents/" + documentId)
                    .checksumAlgorithm("SHA256"), RequestBody.fromString("forged bytes", StandardCharsets.UTF_8))
                    .versionId();
        }
        QuarkusTransaction.requiringNew().run(() -> Document.update("backupVersionId = ?1 where id = ?2", forgedVersion,
                documentId));
    }

    @Override
    public void close() {
        QuarkusTransaction.requiringNew().run(() -> Document.update("backupVersionId = ?1 where id = ?2",
                genuineVersion, documentId));
    }
}
