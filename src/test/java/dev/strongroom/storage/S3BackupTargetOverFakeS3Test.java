package dev.strongroom.storage;

import java.util.Optional;

/**
 * The S3 target keeps the contract over {@link FakeS3}, as it does over the emulator
 * ({@link S3BackupTargetContractTest}): the fast run of the same promises, and the proof that the
 * fake bucket the other plain tests use behaves like the real one where the contract looks.
 */
class S3BackupTargetOverFakeS3Test extends BackupTargetContract {

    private final S3BackupTarget target = new S3BackupTarget(new FakeS3(), Optional.of("vault-primary"),
            Optional.empty());

    @Override
    BackupTarget target() {
        return target;
    }
}
