package dev.strongroom.storage;

import dev.strongroom.backup.MotoEmulator;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
}
