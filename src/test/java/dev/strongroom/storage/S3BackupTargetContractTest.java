package dev.strongroom.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strongroom.backup.MotoEmulator;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/** The S3 target keeps the contract against the emulator's bucket, provisioned as the vault's is. */
class S3BackupTargetContractTest extends BackupTargetContract {

    private static MotoEmulator moto;
    private static S3Client s3;

    @BeforeAll
    static void start() {
        moto = MotoEmulator.startProvisioned();
        s3 = moto.client(MotoEmulator.REGION);
    }

    @AfterAll
    static void stop() {
        if (s3 != null) {
            s3.close();
        }
        if (moto != null) {
            moto.close();
        }
    }

    @Override
    BackupTarget target() {
        return new S3BackupTarget(s3, Optional.of(MotoEmulator.BUCKET), Optional.empty());
    }

    @Test
    void aTargetForAnotherBucketReadsAndWritesThatBucketThroughTheClientOfItsRegion() {
        byte[] bytes = bytes("replicated receipt");
        try (S3Client replicaClient = moto.client(MotoEmulator.REPLICA_REGION)) {
            BackupTarget replica = S3BackupTarget.forBucket(replicaClient, MotoEmulator.REPLICA_BUCKET);
            StoredVersion stored = replica.put(ObjectUpload.of(key("documents/copied"), ObjectSource.of(bytes),
                    "text/plain", Sha256.hexOf(bytes)));

            assertEquals(MotoEmulator.REPLICA_BUCKET, replica.location());
            assertArrayEquals(bytes, replica.read(key("documents/copied"), stored.versionId()));
            assertTrue(target().head(key("documents/copied"), null).isEmpty(), "the primary bucket is another one");
        }
    }

    @Test
    void aBucketThatIsNotThereFailsTheProbe() {
        assertThrows(BucketUnavailable.class, () -> S3BackupTarget.forBucket(s3, "strongroom-no-such-bucket").probe());
    }
}
