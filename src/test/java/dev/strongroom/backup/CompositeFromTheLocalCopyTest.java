package dev.strongroom.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strongroom.support.RequiresEmulator;
import dev.strongroom.support.Samples;
import dev.strongroom.storage.BackupTarget;
import dev.strongroom.storage.ObjectInfo;
import dev.strongroom.storage.ObjectKeys;
import dev.strongroom.storage.ObjectSource;
import dev.strongroom.storage.ObjectUpload;
import dev.strongroom.storage.StoredVersion;
import dev.strongroom.store.BlobStore;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A restore brings documents back without the composites of those that went up in parts (the catalog export does
 * not carry them): S3's composite checksum of such a version is checked against the composite of the local copy,
 * from the first look on. Before, the first look took the match for a mismatch, so the spot check after a restore
 * called the backup of every large document lost, put it back to pending and uploaded it again.
 */
@RequiresEmulator
@QuarkusTest
@QuarkusTestResource(value = MotoTestResource.class, restrictToAnnotatedClass = false)
class CompositeFromTheLocalCopyTest {

    private static final int PART = 16 * 1024 * 1024;

    @Inject
    ConfirmedChecksums checksums;

    @Inject
    BlobStore store;

    @Inject
    BackupTarget target;

    @Test
    void aVersionUploadedInPartsMatchesTheCompositeOfTheLocalCopy() throws IOException {
        // Larger than uploads in tests may be, so the restored copy is put where the restore puts it.
        byte[] bytes = Arrays.copyOf(Samples.text(4_000), PART + 1_000_000);
        String sha256 = Samples.sha256(bytes);
        Path blob = store.pathOf(sha256);
        Files.createDirectories(blob.getParent());
        Files.write(blob, bytes);
        String id = UUID.randomUUID().toString();
        // As the backup run put it: in parts of strongroom.backup.part-size.
        StoredVersion stored = target.put(new ObjectUpload(ObjectKeys.document(id), ObjectSource.of(bytes),
                "application/octet-stream", sha256, Map.of(), null, false, PART, null, sent -> { }));
        ObjectInfo head = target.head(ObjectKeys.document(id), stored.versionId()).orElseThrow();
        assertEquals(ChecksumType.COMPOSITE, head.checksumType(), head.toString());

        try {
            assertNull(checksums.mismatch(checksums.load(), id, stored.versionId(), sha256, bytes.length,
                    head.checksum(), head.checksumType()), "the first look, with no composite kept yet");

            // Other bytes under the same document, as anyone with s3:PutObject could write them: named.
            byte[] other = bytes.clone();
            other[other.length - 1] = 'x';
            String otherId = UUID.randomUUID().toString();
            StoredVersion wrong = target.put(new ObjectUpload(ObjectKeys.document(otherId), ObjectSource.of(other),
                    "application/octet-stream", Samples.sha256(other), Map.of(), null, false, PART, null, sent -> { }));
            ObjectInfo wrongHead = target.head(ObjectKeys.document(otherId), wrong.versionId()).orElseThrow();
            String finding = checksums.mismatch(checksums.load(), otherId, wrong.versionId(), sha256, bytes.length,
                    wrongHead.checksum(), wrongHead.checksumType());
            assertTrue(finding != null && finding.contains("S3 reports composite checksum " + wrongHead.checksum()),
                    finding);
        } finally {
            Files.delete(blob);
            QuarkusTransaction.requiringNew().run(() -> CompositeChecksum.delete("versionId", stored.versionId()));
        }
    }
}
