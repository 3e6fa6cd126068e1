package dev.strongroom.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * A write counts only when S3 reported back the checksum we sent and a version id, and the bytes we
 * sent hashed to the catalog's SHA-256. Everything short of that is a failure, sorted into "these
 * bytes" and "the bucket" (docs/backup.md, "When a document counts as backed up").
 */
class S3BackupTargetTest {

    private static final byte[] BYTES = "manifest of run 42\n".getBytes(StandardCharsets.UTF_8);
    private static final String SHA256 = Sha256.hexOf(BYTES);

    private final FakeS3 s3 = new FakeS3();
    private final S3BackupTarget writer = new S3BackupTarget(s3, Optional.of("vault-primary"), Optional.empty());

    @TempDir
    Path dir;

    @Test
    void aWriteS3ConfirmedReturnsItsVersion() throws Exception {
        Path file = Files.write(dir.resolve("manifest.json"), BYTES);

        String version = writer.putFile("manifests/42.json", file, "application/json", SHA256);

        assertEquals(s3.versions.get(0).versionId(), version);
        assertEquals("vault-primary", s3.versions.get(0).request().bucket());
        assertEquals(Sha256.base64OfHex(SHA256), s3.versions.get(0).request().checksumSHA256());
        assertEquals(ServerSideEncryption.AES256, s3.versions.get(0).request().serverSideEncryption());
    }

    @Test
    void anAnswerWithoutAChecksumIsNotAConfirmation() {
        s3.answers = response -> response.checksumSHA256(null);

        ObjectRefused failure = assertThrows(ObjectRefused.class, this::put);

        assertEquals("S3 did not confirm the SHA-256 of documents/d1 (reported null)", failure.getMessage());
    }

    @Test
    void anAnswerWithAnotherChecksumIsNotAConfirmation() {
        String other = Sha256.base64OfHex(Sha256.hexOf("other".getBytes(StandardCharsets.UTF_8)));
        s3.answers = response -> response.checksumSHA256(other);

        ObjectRefused failure = assertThrows(ObjectRefused.class, this::put);

        assertTrue(failure.getMessage().contains("reported " + other), failure.getMessage());
    }

    @Test
    void anAnswerWithoutAVersionMeansTheBucketProtectsNothing() {
        s3.answers = response -> response.versionId(null);

        BucketUnavailable failure = assertThrows(BucketUnavailable.class, this::put);

        assertTrue(failure.getMessage().contains("versioning is off"), failure.getMessage());
    }

    @Test
    void bytesThatDoNotHashToTheCatalogsSha256AreRefusedBeforeTheyCount() {
        byte[] rotted = "manifest of run 43\n".getBytes(StandardCharsets.UTF_8);
        s3.answers = response -> response.checksumSHA256(Sha256.base64OfHex(SHA256));

        // The fake bucket checks like S3 does, so a wrong checksum is refused there: a BadDigest.
        ObjectRefused refused = assertThrows(ObjectRefused.class, () -> writer.put(
                ObjectUpload.of("documents/d1", ObjectSource.of(rotted), "text/plain", SHA256)));
        assertTrue(refused.getMessage().startsWith("S3 refused documents/d1: BadDigest"), refused.getMessage());
    }

    @Test
    void bytesThatChangedUnderwayAreCaughtEvenWhenTheBucketDoesNotCheck() {
        byte[] rotted = "manifest of run 43\n".getBytes(StandardCharsets.UTF_8);
        FakeS3 careless = new FakeS3();
        careless.checksBodies = false;
        S3BackupTarget trusting = new S3BackupTarget(careless, Optional.of("vault-primary"), Optional.empty());

        ObjectRefused refused = assertThrows(ObjectRefused.class, () -> trusting.put(
                ObjectUpload.of("documents/d1", ObjectSource.of(rotted), "text/plain", SHA256)));

        assertEquals("the bytes sent for documents/d1 hash to " + Sha256.hexOf(rotted) + ", not " + SHA256
                + " (the local copy does not match its recorded SHA-256)", refused.getMessage());
    }

    @Test
    void anUnreachableBucketIsTheBucketsFailureNotTheDocuments() {
        s3.failWith = "ServiceUnavailable";
        s3.failStatus = 503;

        RuntimeException failure = assertThrows(RuntimeException.class, this::put);

        assertInstanceOf(BucketUnavailable.class, failure);
        assertTrue(failure.getMessage().startsWith("bucket vault-primary unavailable while writing documents/d1"),
                failure.getMessage());
    }

    @Test
    void aKmsKeyWhenConfiguredEncryptsUnderIt() {
        S3BackupTarget kms = new S3BackupTarget(s3, Optional.of("vault-primary"), Optional.of("alias/vault"));

        kms.put(ObjectUpload.of("documents/d1", ObjectSource.of(BYTES), "text/plain", SHA256));

        assertEquals(ServerSideEncryption.AWS_KMS, s3.versions.get(0).request().serverSideEncryption());
        assertEquals("alias/vault", s3.versions.get(0).request().ssekmsKeyId());
    }

    @Test
    void withoutABucketNothingIsWritten() {
        S3BackupTarget unconfigured = new S3BackupTarget(s3, Optional.empty(), Optional.empty());

        IllegalStateException failure = assertThrows(IllegalStateException.class, unconfigured::location);

        assertEquals("strongroom.backup.bucket is not set", failure.getMessage());
    }

    @Test
    void aBlankBucketOrKmsKeyIsNoSetting() {
        S3BackupTarget blank = new S3BackupTarget(s3, Optional.of(" "), Optional.empty());
        S3BackupTarget blankKey = new S3BackupTarget(s3, Optional.of("vault-primary"), Optional.of(""));

        blankKey.put(ObjectUpload.of("documents/d1", ObjectSource.of(BYTES), "text/plain", SHA256));

        assertFalse(blank.configured(), "backups show 'not configured' instead of failing");
        assertTrue(writer.configured());
        assertEquals(ServerSideEncryption.AES256, s3.versions.get(0).request().serverSideEncryption());
    }

    @Test
    void theBytesS3AcceptedAreToldOnceTheyCount() {
        List<Long> sent = new ArrayList<>();

        writer.put(new ObjectUpload("documents/d1", ObjectSource.of(BYTES), "text/plain", SHA256, Map.of(), null,
                false, 0, null, sent::add));
        s3.answers = response -> response.checksumSHA256(null);
        assertThrows(ObjectRefused.class, () -> writer.put(new ObjectUpload("documents/d2", ObjectSource.of(BYTES),
                "text/plain", SHA256, Map.of(), null, false, 0, null, sent::add)));

        assertEquals(List.of((long) BYTES.length), sent);
    }

    private void put() {
        writer.put(ObjectUpload.of("documents/d1", ObjectSource.of(BYTES), "text/plain", SHA256));
    }
}
