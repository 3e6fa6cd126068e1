package dev.strongroom.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * What every {@link BackupTarget} promises (the contract on the interface), asked of each
 * implementation by a subclass: a second target passes these before the vault may use it.
 */
abstract class BackupTargetContract {

    /** Keys of one test, apart from every other test's in a shared bucket. */
    private final String prefix = "contract/" + UUID.randomUUID() + "/";

    /** The target under test, configured and empty under {@link #prefix}. */
    abstract BackupTarget target();

    @Test
    void aPutIsConfirmedWithItsVersionAndHeadReportsItsChecksum() {
        byte[] bytes = bytes("manifest of run 42\n");

        StoredVersion stored = put("manifests/42.json", bytes);

        ObjectInfo head = target().head(key("manifests/42.json"), stored.versionId()).orElseThrow();
        assertNotNull(stored.versionId());
        assertEquals(stored.versionId(), head.versionId());
        assertEquals(bytes.length, head.size());
        assertNull(ExpectedChecksum.wholeObject(Sha256.hexOf(bytes)).mismatch(head.checksum(), head.checksumType(),
                head.versionId()));
        assertArrayEquals(bytes, target().read(key("manifests/42.json"), stored.versionId()));
    }

    @Test
    void bytesThatDoNotHashToTheirSha256AreRefused() {
        byte[] rotted = bytes("manifest of run 43\n");

        assertThrows(ObjectRefused.class, () -> target().put(ObjectUpload.of(key("documents/d1"),
                ObjectSource.of(rotted), "text/plain", Sha256.hexOf(bytes("manifest of run 42\n")))));
    }

    @Test
    void everyPutAddsAVersionAndTheEarlierOneStaysReadable() {
        StoredVersion first = put("journal/seg-1", bytes("one\n"));
        StoredVersion second = put("journal/seg-1", bytes("one\ntwo\n"));

        assertNotEquals(first.versionId(), second.versionId());
        assertArrayEquals(bytes("one\ntwo\n"), target().read(key("journal/seg-1"), null));
        assertArrayEquals(bytes("one\n"), target().read(key("journal/seg-1"), first.versionId()));
        List<ListedVersion> versions = target().versions(key("journal/"));
        assertEquals(List.of(second.versionId(), first.versionId()),
                versions.stream().map(ListedVersion::versionId).toList(), "newest first");
        assertTrue(versions.get(0).latest());
        assertFalse(versions.get(1).latest());
    }

    @Test
    void anyVersionCanBeReadByItsIdNotJustTheFirstOrTheNewest() {
        put("journal/seg-2", bytes("one\n"));
        StoredVersion middle = put("journal/seg-2", bytes("one\ntwo\n"));
        put("journal/seg-2", bytes("one\ntwo\nthree\n"));

        assertArrayEquals(bytes("one\ntwo\n"), target().read(key("journal/seg-2"), middle.versionId()));
        assertEquals(bytes("one\ntwo\n").length, target().head(key("journal/seg-2"), middle.versionId())
                .orElseThrow().size());
    }

    @Test
    void aListingShowsTheNewestOfEachKeyUnderThePrefixInKeyOrder() {
        put("documents/b", bytes("b"));
        put("documents/a", bytes("a"));
        put("documents/a", bytes("a, again"));
        put("manifests/1.json", bytes("{}"));

        List<ListedObject> listed = target().list(key("documents/"));

        assertEquals(List.of(key("documents/a"), key("documents/b")), listed.stream().map(ListedObject::key).toList());
        assertEquals(bytes("a, again").length, listed.get(0).size());
    }

    @Test
    void onlyTheFirstConditionalPutOfAKeyIsStoredAndALaterOneWritesNothing() {
        byte[] first = bytes("{\"vaultId\":\"a\"}");
        byte[] second = bytes("{\"vaultId\":\"b\"}");

        StoredVersion stored = target().putIfAbsent(ObjectUpload.of(key("vault/claim.json"), ObjectSource.of(first),
                "application/json", Sha256.hexOf(first))).orElseThrow();
        assertTrue(target().putIfAbsent(ObjectUpload.of(key("vault/claim.json"), ObjectSource.of(second),
                "application/json", Sha256.hexOf(second))).isEmpty(), "the key was already there");

        assertArrayEquals(first, target().read(key("vault/claim.json"), null));
        assertEquals(List.of(stored.versionId()), target().versions(key("vault/")).stream()
                .map(ListedVersion::versionId).toList(), "the refused put added no version");
    }

    @Test
    void aMissingKeyHasNoHeadAndCannotBeRead() {
        assertTrue(target().head(key("documents/none"), null).isEmpty());
        assertThrows(ObjectMissing.class, () -> target().read(key("documents/none"), null));
        assertTrue(target().list(key("documents/")).isEmpty());
    }

    @Test
    void metadataAndTheLockOfThePutTravelWithTheVersion() {
        byte[] bytes = bytes("receipt");
        Instant until = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        StoredVersion stored = target().put(new ObjectUpload(key("documents/r1"), ObjectSource.of(bytes),
                "text/plain", Sha256.hexOf(bytes), Map.of("document-id", "r1"), new Retention("GOVERNANCE", until),
                false, 0, null, null));

        ObjectInfo head = target().head(key("documents/r1"), stored.versionId()).orElseThrow();

        assertEquals("r1", head.metadata().get("document-id"));
        assertNotNull(head.retention(), "the version is under Object Lock");
        assertTrue(head.retention().covers(new Retention("GOVERNANCE", until)), head.retention().toString());
    }

    @Test
    void anUploadInPartsIsConfirmedByTheCompositeOfItsParts() {
        byte[] bytes = new byte[(int) (2 * PartDigests.MIN_PART_SIZE + 1024)];
        new Random(7).nextBytes(bytes);
        AtomicLong sent = new AtomicLong();

        StoredVersion stored = target().put(new ObjectUpload(key("documents/big"), ObjectSource.of(bytes),
                "application/octet-stream", Sha256.hexOf(bytes), Map.of(), null, false, PartDigests.MIN_PART_SIZE,
                null, sent::addAndGet));

        assertNotNull(stored.composite());
        assertEquals(3, stored.composite().parts());
        assertEquals(compositeOf(bytes, (int) PartDigests.MIN_PART_SIZE), stored.composite().checksum(),
                "S3's composite: the SHA-256 of the parts' SHA-256 digests, in part order");
        assertEquals(bytes.length, sent.get());
        ObjectInfo head = target().head(key("documents/big"), stored.versionId()).orElseThrow();
        assertNull(ExpectedChecksum.composite(Sha256.hexOf(bytes), stored.composite().checksum(), 3)
                .mismatch(head.checksum(), head.checksumType(), head.versionId()));
        assertArrayEquals(bytes, target().read(key("documents/big"), null));
    }

    @Test
    void aRangedReadGivesTheBytesFromTheOffsetToTheEndOfTheVersionAsked() throws Exception {
        StoredVersion first = put("journal/seg-2", bytes("seq 1\nseq 2\n"));
        put("journal/seg-2", bytes("seq 1\nseq 2\nseq 3\n"));

        try (InputStream newest = target().openFrom(key("journal/seg-2"), null, 12);
                InputStream earlier = target().openFrom(key("journal/seg-2"), first.versionId(), 6)) {
            assertArrayEquals(bytes("seq 3\n"), newest.readAllBytes());
            assertArrayEquals(bytes("seq 2\n"), earlier.readAllBytes());
        }
        assertThrows(ObjectMissing.class, () -> target().openFrom(key("journal/none"), null, 0));
    }

    @Test
    void aVersionTheTargetDoesNotKnowHasNoHeadAndCannotBeRead() {
        put("documents/v1", bytes("v1"));

        assertTrue(target().head(key("documents/v1"), "no-such-version").isEmpty());
        assertThrows(ObjectMissing.class, () -> target().read(key("documents/v1"), "no-such-version"));
    }

    @Test
    void theVersionsUnderAPrefixAreThoseOfItsKeysOnlyAndEachVersionReadsBack() {
        StoredVersion a1 = put("keys/a", bytes("a1"));
        StoredVersion a2 = put("keys/a", bytes("a2"));
        StoredVersion b1 = put("keys/b", bytes("b1"));
        put("other/a", bytes("elsewhere"));

        List<ListedVersion> versions = target().versions(key("keys/"));

        assertEquals(List.of(a2.versionId(), a1.versionId(), b1.versionId()),
                versions.stream().map(ListedVersion::versionId).toList());
        assertEquals(List.of(key("keys/a"), key("keys/a"), key("keys/b")),
                versions.stream().map(ListedVersion::key).toList());
        assertArrayEquals(bytes("a1"), target().read(key("keys/a"), a1.versionId()));
        assertTrue(target().versions(key("none/")).isEmpty());
    }

    @Test
    void aTargetThatAnswersPassesTheProbe() {
        target().probe();
    }

    /** The composite checksum worked out here, apart from any target's code. */
    static String compositeOf(byte[] bytes, int partSize) {
        MessageDigest ofDigests = Sha256.digest();
        for (int offset = 0; offset < bytes.length; offset += partSize) {
            ofDigests.update(Sha256.digest().digest(
                    Arrays.copyOfRange(bytes, offset, Math.min(bytes.length, offset + partSize))));
        }
        return Base64.getEncoder().encodeToString(ofDigests.digest());
    }

    @Test
    void aDocumentOfWholePartsHasNoEmptyPartAtTheEnd() {
        byte[] bytes = new byte[(int) (2 * PartDigests.MIN_PART_SIZE)];
        new Random(11).nextBytes(bytes);

        StoredVersion stored = target().put(new ObjectUpload(key("documents/even"), ObjectSource.of(bytes),
                "application/octet-stream", Sha256.hexOf(bytes), Map.of(), null, false, PartDigests.MIN_PART_SIZE,
                null, null));

        assertEquals(2, stored.composite().parts());
        assertEquals(compositeOf(bytes, (int) PartDigests.MIN_PART_SIZE), stored.composite().checksum());
    }

    private StoredVersion put(String name, byte[] bytes) {
        return target().put(ObjectUpload.of(key(name), ObjectSource.of(bytes), "text/plain", Sha256.hexOf(bytes)));
    }

    String key(String name) {
        return prefix + name;
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
