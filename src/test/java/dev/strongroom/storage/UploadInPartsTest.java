package dev.strongroom.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * A large document goes up in parts, and counts only when every part S3 took was the catalog's
 * bytes and the whole hashes to the catalog's SHA-256. An upload that fails on the way is aborted,
 * so no half object is ever visible in the bucket.
 */
class UploadInPartsTest {

    private static final int PART = (int) PartDigests.MIN_PART_SIZE;
    private static final String KEY = "documents/big";
    private static final byte[] BYTES = random(2 * PART + 1024);
    private static final String SHA256 = Sha256.hexOf(BYTES);

    private final FakeS3 s3 = new FakeS3();
    private final S3BackupTarget target = new S3BackupTarget(s3, Optional.of("vault-primary"), Optional.empty());

    @Test
    void aDocumentInPartsIsStoredWholeAndConfirmedByTheCompositeOfItsParts() {
        List<Long> sent = new ArrayList<>();

        StoredVersion stored = target.put(upload(ObjectSource.of(BYTES), SHA256, sent::add));

        assertEquals(s3.newest(KEY).orElseThrow().versionId(), stored.versionId());
        assertArrayEquals(BYTES, s3.newest(KEY).orElseThrow().bytes());
        assertEquals(new PartDigests.Composite(BackupTargetContract.compositeOf(BYTES, PART), 3, PART),
                stored.composite());
        assertEquals(List.of((long) PART, (long) PART, 1024L), sent, "progress is told per part S3 accepted");
        assertTrue(s3.uploads.isEmpty() && s3.aborted.isEmpty());
        assertEquals(ServerSideEncryption.AES256, s3.created.get(0).serverSideEncryption());
    }

    @Test
    void theLockHoldMetadataAndKmsKeyOfTheUploadGoOnTheObject() {
        Instant until = Instant.now().plus(3650, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        S3BackupTarget kms = new S3BackupTarget(s3, Optional.of("vault-primary"), Optional.of("alias/vault"));

        kms.put(new ObjectUpload(KEY, ObjectSource.of(BYTES), "application/pdf", SHA256, Map.of("document-id", "big"),
                new Retention("COMPLIANCE", until), true, PART, null, null));

        FakeS3.Stored stored = s3.newest(KEY).orElseThrow();
        assertEquals(new Retention("COMPLIANCE", until), stored.retention());
        assertTrue(stored.legalHold());
        assertEquals(Map.of("document-id", "big"), stored.metadata());
        assertEquals(ServerSideEncryption.AWS_KMS, s3.created.get(0).serverSideEncryption());
        assertEquals("alias/vault", s3.created.get(0).ssekmsKeyId());
    }

    @Test
    void aPartTheBucketRefusesAsCorruptAbortsTheUploadSoNoHalfObjectIsVisible() {
        s3.fail("UploadPart", 400, "BadDigest");

        ObjectRefused refused = assertThrows(ObjectRefused.class, () -> target.put(upload(ObjectSource.of(BYTES),
                SHA256, null)));

        assertTrue(refused.getMessage().startsWith("S3 refused " + KEY + ": BadDigest"), refused.getMessage());
        assertNothingLeft();
    }

    @Test
    void aPartThatChangedWhileItWasSentIsRefusedEvenWhenTheBucketDoesNotCheck() {
        s3.checksBodies = false;
        AtomicInteger opensOfPartTwo = new AtomicInteger();
        ObjectSource changing = new ObjectSource() {
            @Override
            public long size() {
                return BYTES.length;
            }

            @Override
            public InputStream open(long offset, long length) {
                byte[] bytes = BYTES.clone();
                if (offset == PART && opensOfPartTwo.incrementAndGet() > 1) {
                    bytes[PART + 7] ^= 1;
                }
                return new ByteArrayInputStream(bytes, (int) offset, (int) length);
            }
        };

        ObjectRefused refused = assertThrows(ObjectRefused.class, () -> target.put(upload(changing, SHA256, null)));

        assertEquals("part 2 changed while it was sent", refused.getMessage());
        assertNothingLeft();
    }

    @Test
    void aPartAnswerWithAnotherChecksumIsNotAConfirmation() {
        s3.partAnswers = part -> part.checksumSHA256(Sha256.base64OfHex(Sha256.hexOf(new byte[1])));

        ObjectRefused refused = assertThrows(ObjectRefused.class, () -> target.put(upload(ObjectSource.of(BYTES),
                SHA256, null)));

        assertEquals("S3 did not confirm the checksum of part 1", refused.getMessage());
        assertNothingLeft();
    }

    @Test
    void aBlobShorterThanItsRecordedSizeIsRefusedAndItsUploadAborted() {
        ObjectSource shorter = new ObjectSource() {
            @Override
            public long size() {
                return BYTES.length + 10;
            }

            @Override
            public InputStream open(long offset, long length) {
                return new ByteArrayInputStream(BYTES, (int) offset, (int) length);
            }
        };

        ObjectRefused refused = assertThrows(ObjectRefused.class, () -> target.put(upload(shorter, SHA256, null)));

        assertEquals("the local blob is shorter than its recorded size", refused.getMessage());
        assertNothingLeft();
    }

    @Test
    void aBlobThatDoesNotHashToTheCatalogsSha256IsAbandonedBeforeItCompletes() {
        String recorded = Sha256.hexOf(new byte[] {42});

        ObjectRefused refused = assertThrows(ObjectRefused.class, () -> target.put(upload(ObjectSource.of(BYTES),
                recorded, null)));

        assertEquals("the local blob hashes to " + SHA256 + ", not the recorded " + recorded + "; upload abandoned",
                refused.getMessage());
        assertNothingLeft();
    }

    @Test
    void aCompletionReportingAnotherChecksumIsNotAConfirmation() {
        s3.completeAnswers = done -> done.checksumSHA256(BackupTargetContract.compositeOf(BYTES, PART / 5) + "-3");

        ObjectRefused refused = assertThrows(ObjectRefused.class, () -> target.put(upload(ObjectSource.of(BYTES),
                SHA256, null)));

        assertTrue(refused.getMessage().startsWith("completing the upload: S3 reports composite checksum"),
                refused.getMessage());
    }

    @Test
    void aCompletionWithoutAVersionMeansTheBucketProtectsNothing() {
        s3.completeAnswers = done -> done.versionId(null);

        BucketUnavailable failure = assertThrows(BucketUnavailable.class, () -> target.put(upload(
                ObjectSource.of(BYTES), SHA256, null)));

        assertEquals("the bucket vault-primary returned no version id: versioning is off", failure.getMessage());
    }

    @Test
    void anAbortTheBucketDoesNotAnswerLeavesTheRealReasonAndTheLifecycleRuleToClearIt() {
        s3.fail("UploadPart", 400, "BadDigest");
        s3.fail("AbortMultipartUpload", 503, "ServiceUnavailable");

        ObjectRefused refused = assertThrows(ObjectRefused.class, () -> target.put(upload(ObjectSource.of(BYTES),
                SHA256, null)));

        assertTrue(refused.getMessage().contains("BadDigest"), refused.getMessage());
        assertTrue(s3.newest(KEY).isEmpty());
    }

    @Test
    void aBucketThatCannotStartAnUploadIsTheBucketsFailure() {
        s3.fail("CreateMultipartUpload", 403, "AccessDenied");

        BucketUnavailable failure = assertThrows(BucketUnavailable.class, () -> target.put(upload(
                ObjectSource.of(BYTES), SHA256, null)));

        assertTrue(failure.getMessage().startsWith("bucket vault-primary unavailable while writing " + KEY),
                failure.getMessage());
    }

    private void assertNothingLeft() {
        assertTrue(s3.newest(KEY).isEmpty(), "no object, whole or half, under the key");
        assertTrue(s3.uploads.isEmpty(), "the upload was aborted, so its parts are gone");
        assertEquals(1, s3.aborted.size());
    }

    private static ObjectUpload upload(ObjectSource source, String sha256, LongConsumer sent) {
        return new ObjectUpload(KEY, source, "application/octet-stream", sha256, Map.of(), null, false, PART, null,
                sent);
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
