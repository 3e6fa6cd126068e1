package dev.strongroom.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * Object Lock is what makes a backup immutable, so the vault never assumes it: the lock asked for
 * travels on the PUT, a lock the answer names is reported as named (so a shorter one is read back
 * and set again), and a COMPLIANCE retention can be extended but not shortened.
 */
class ObjectLockOnS3Test {

    private static final byte[] BYTES = "statement of account\n".getBytes(StandardCharsets.UTF_8);
    private static final Instant UNTIL = Instant.now().plus(3650, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    private static final Retention ASKED = new Retention("COMPLIANCE", UNTIL);

    private final FakeS3 s3 = new FakeS3();
    private final S3BackupTarget target = new S3BackupTarget(s3, Optional.of("vault-primary"), Optional.empty());

    @Test
    void theLockAndLegalHoldAskedForGoOnTheSameRequestAsTheBytes() {
        StoredVersion stored = target.put(locked(true));

        ObjectInfo head = target.head("documents/s1", stored.versionId()).orElseThrow();
        assertEquals(ASKED, head.retention());
        assertTrue(s3.newest("documents/s1").orElseThrow().legalHold());
    }

    @Test
    void withoutALockOrHoldAskedForTheBucketsDefaultApplies() {
        byte[] bytes = "unlocked".getBytes(StandardCharsets.UTF_8);

        target.put(ObjectUpload.of("documents/u1", ObjectSource.of(bytes), "text/plain", Sha256.hexOf(bytes)));

        FakeS3.Stored stored = s3.newest("documents/u1").orElseThrow();
        assertNull(stored.retention());
        assertFalse(stored.legalHold());
        assertNull(target.head("documents/u1", null).orElseThrow().retention());
    }

    @Test
    void anAnswerThatNamesTheLockReportsIt() {
        s3.echoesLock = true;

        assertEquals(ASKED, target.put(locked(false)).echoedRetention());
    }

    @Test
    void aShorterLockInTheAnswerIsReportedAsShorterNotAsAsked() {
        Instant shorter = UNTIL.minus(30, ChronoUnit.DAYS);
        answerWith(lockHeaders("COMPLIANCE", shorter.toString()));

        Retention echoed = target.put(locked(false)).echoedRetention();

        assertEquals(new Retention("COMPLIANCE", shorter), echoed);
        assertFalse(echoed.covers(ASKED));
    }

    @Test
    void aLockNamedWithoutADateOrWithAnUnreadableOneCoversNothing() {
        answerWith(SdkHttpResponse.builder().statusCode(200)
                .putHeader("x-amz-object-lock-mode", "COMPLIANCE").build());
        Retention modeOnly = target.put(locked(false)).echoedRetention();
        answerWith(lockHeaders("COMPLIANCE", "next year"));
        Retention unreadable = target.put(locked(false)).echoedRetention();

        assertEquals(new Retention("COMPLIANCE", Instant.EPOCH), modeOnly);
        assertEquals(new Retention("COMPLIANCE", Instant.EPOCH), unreadable);
    }

    @Test
    void anAnswerSilentAboutTheLockReportsNone() {
        assertNull(target.put(locked(false)).echoedRetention(), "AWS does not name the lock: the vault reads it back");
    }

    @Test
    void aComplianceRetentionCanBeExtendedButNeverShortened() {
        StoredVersion stored = target.put(locked(false));
        Retention longer = new Retention("COMPLIANCE", UNTIL.plus(1, ChronoUnit.DAYS));

        target.retain("documents/s1", stored.versionId(), longer);

        assertThrows(StorageFailure.class, () -> target.retain("documents/s1", stored.versionId(), ASKED));
        assertEquals(longer, target.head("documents/s1", stored.versionId()).orElseThrow().retention());
    }

    @Test
    void aVersionThatCameBackWithoutItsLockIsLockedAfterwards() {
        byte[] bytes = "unlocked".getBytes(StandardCharsets.UTF_8);
        StoredVersion stored = target.put(ObjectUpload.of("documents/u1", ObjectSource.of(bytes), "text/plain",
                Sha256.hexOf(bytes)));

        target.retain("documents/u1", stored.versionId(), ASKED);

        assertEquals(ASKED, target.head("documents/u1", stored.versionId()).orElseThrow().retention());
    }

    private static ObjectUpload locked(boolean legalHold) {
        return new ObjectUpload("documents/s1", ObjectSource.of(BYTES), "text/plain", Sha256.hexOf(BYTES), Map.of(),
                ASKED, legalHold, 0, null, null);
    }

    /** The answer's HTTP headers, as an endpoint sends them with a 200 to the PUT. */
    private void answerWith(SdkHttpResponse http) {
        s3.answers = answer -> (PutObjectResponse.Builder) answer.sdkHttpResponse(http);
    }

    private static SdkHttpResponse lockHeaders(String mode, String until) {
        return SdkHttpResponse.builder().statusCode(200).putHeader("x-amz-object-lock-mode", mode)
                .putHeader("x-amz-object-lock-retain-until-date", until).build();
    }
}
