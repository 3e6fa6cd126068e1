package dev.strongroom.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The in-memory target keeps the contract, and refuses what S3 refuses. */
class InMemoryBackupTargetTest extends BackupTargetContract {

    private final InMemoryBackupTarget target = new InMemoryBackupTarget();

    @Override
    BackupTarget target() {
        return target;
    }

    @Test
    void aComplianceRetentionCanBeExtendedButNeverShortened() {
        byte[] bytes = bytes("statement");
        Instant until = Instant.now().plus(30, ChronoUnit.DAYS);
        StoredVersion stored = target.put(new ObjectUpload(key("documents/s1"), ObjectSource.of(bytes), "text/plain",
                Sha256.hexOf(bytes), Map.of(), new Retention("COMPLIANCE", until), false, 0, null, null));

        Retention longer = new Retention("COMPLIANCE", until.plus(1, ChronoUnit.DAYS));
        target.retain(key("documents/s1"), stored.versionId(), longer);

        assertThrows(ObjectRefused.class, () -> target.retain(key("documents/s1"), stored.versionId(),
                new Retention("COMPLIANCE", until)));
        assertThrows(ObjectRefused.class, () -> target.retain(key("documents/s1"), stored.versionId(),
                new Retention("GOVERNANCE", until.plus(2, ChronoUnit.DAYS))));
        assertEquals(longer, target.head(key("documents/s1"), stored.versionId()).orElseThrow().retention());
    }

    @Test
    void itIsAlwaysConfiguredAndNamesItselfInManifests() {
        assertTrue(target.configured());
        assertEquals("memory", target.location());
    }

    @Test
    void aRetentionForAVersionThatIsNotThereIsRefusedAsMissing() {
        byte[] bytes = bytes("statement");
        target.put(ObjectUpload.of(key("documents/s2"), ObjectSource.of(bytes), "text/plain", Sha256.hexOf(bytes)));

        ObjectMissing missing = assertThrows(ObjectMissing.class, () -> target.retain(key("documents/s2"), "v-gone",
                new Retention("COMPLIANCE", Instant.now())));

        assertEquals(key("documents/s2"), missing.key());
    }

    @Test
    void aVersionPutWithoutALockCanBeLockedAfterwards() {
        byte[] bytes = bytes("statement");
        StoredVersion stored = target.put(ObjectUpload.of(key("documents/s3"), ObjectSource.of(bytes), "text/plain",
                Sha256.hexOf(bytes)));
        Retention retention = new Retention("COMPLIANCE", Instant.now().plus(30, ChronoUnit.DAYS));

        target.retain(key("documents/s3"), stored.versionId(), retention);

        assertEquals(retention, target.head(key("documents/s3"), stored.versionId()).orElseThrow().retention());
    }

    @Test
    void aComplianceRetentionThatHasEndedNoLongerForbidsAChange() {
        byte[] bytes = bytes("statement");
        StoredVersion stored = target.put(new ObjectUpload(key("documents/s4"), ObjectSource.of(bytes), "text/plain",
                Sha256.hexOf(bytes), Map.of(), new Retention("COMPLIANCE", Instant.now().minus(1, ChronoUnit.DAYS)),
                false, 0, null, null));
        Retention governance = new Retention("GOVERNANCE", Instant.now().plus(1, ChronoUnit.DAYS));

        target.retain(key("documents/s4"), stored.versionId(), governance);

        assertEquals(governance, target.head(key("documents/s4"), stored.versionId()).orElseThrow().retention());
    }
}
