package dev.strongroom.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.ChecksumType;

/**
 * What the vault reads back from the bucket (restore, spot checks, adoption after a cut-off run)
 * is what is there: a missing object is named as missing, a bucket the vault cannot reach is not
 * taken for an empty one, and a listing past S3's page of 1,000 loses no key.
 */
class ReadsFromTheBucketTest {

    private final FakeS3 s3 = new FakeS3();
    private final S3BackupTarget target = new S3BackupTarget(s3, Optional.of("vault-primary"), Optional.empty());

    @Test
    void headReportsWhatSpotChecksAndAdoptionCompare() {
        byte[] bytes = bytes("receipt r1");
        StoredVersion stored = target.put(new ObjectUpload("documents/r1", ObjectSource.of(bytes), "text/plain",
                Sha256.hexOf(bytes), Map.of("sha256", Sha256.hexOf(bytes)), null, false, 0, null, null));

        ObjectInfo head = target.head("documents/r1", null).orElseThrow();

        assertEquals(new ObjectInfo("documents/r1", stored.versionId(), bytes.length,
                Sha256.base64OfHex(Sha256.hexOf(bytes)), ChecksumType.FULL_OBJECT,
                Map.of("sha256", Sha256.hexOf(bytes)), null, s3.newest("documents/r1").orElseThrow().lastModified()),
                head);
    }

    @Test
    void aMissingKeyOrVersionHasNoHead() {
        StoredVersion stored = put("documents/d1", "one");

        assertTrue(target.head("documents/none", null).isEmpty());
        assertTrue(target.head("documents/d1", "no-such-version").isEmpty());
        assertEquals(stored.versionId(), target.head("documents/d1", stored.versionId()).orElseThrow().versionId());
    }

    @Test
    void aVersionTheEmulatorAnswers400ForIsMissingToo() {
        put("documents/d1", "one");
        s3.unknownVersionStatus = 400;

        assertTrue(target.head("documents/d1", "no-such-version").isEmpty());
    }

    @Test
    void aBadRequestForTheNewestVersionIsNotTakenForAMissingObject() {
        put("documents/d1", "one");
        s3.fail("HeadObject", 400, "InvalidArgument");

        assertThrows(StorageFailure.class, () -> target.head("documents/d1", null));
    }

    @Test
    void aBucketThatDeniesAccessIsNotTakenForAMissingObject() {
        put("documents/d1", "one");
        s3.fail("HeadObject", 403, "AccessDenied");
        s3.fail("GetObject", 403, "AccessDenied");

        BucketUnavailable head = assertThrows(BucketUnavailable.class, () -> target.head("documents/d1", null));
        assertThrows(BucketUnavailable.class, () -> target.read("documents/d1", null));
        assertTrue(head.getMessage().startsWith("bucket vault-primary unavailable while reading documents/d1"),
                head.getMessage());
    }

    @Test
    void anUnreachableEndpointIsTheBucketsFailure() {
        SdkClientException refused = SdkClientException.create("Unable to execute HTTP request: Connection refused");
        s3.fail("HeadObject", refused);
        s3.fail("GetObject", refused);

        assertThrows(BucketUnavailable.class, () -> target.head("documents/d1", null));
        assertThrows(BucketUnavailable.class, () -> target.open("documents/d1", null));
    }

    @Test
    void aMissingObjectIsNamedAsMissing() {
        StoredVersion stored = put("documents/d1", "one");

        ObjectMissing key = assertThrows(ObjectMissing.class, () -> target.read("documents/none", null));
        ObjectMissing version = assertThrows(ObjectMissing.class, () -> target.read("documents/d1", "v-gone"));

        assertEquals("documents/none", key.key());
        assertEquals("documents/none is not in the backup target", key.getMessage());
        assertEquals("documents/d1 version v-gone is not in the backup target", version.getMessage());
        assertArrayEquals(bytes("one"), target.read("documents/d1", stored.versionId()));
    }

    @Test
    void aListingPastOneThousandKeysLosesNone() {
        List<String> keys = IntStream.range(0, 2_500).mapToObj(i -> String.format("documents/d%05d", i)).toList();
        keys.forEach(k -> put(k, k));
        put("manifests/1.json", "{}");

        List<ListedObject> listed = target.list("documents/");

        assertEquals(keys, listed.stream().map(ListedObject::key).toList());
        assertEquals("documents/d00042".length(), listed.get(42).size());
        assertEquals(3, s3.pagesListed, "S3 answers at most 1,000 keys a page");
    }

    @Test
    void aVersionListingPastOneThousandVersionsLosesNone() {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 700; i++) {
            String key = String.format("journal/seg-%04d", i);
            StoredVersion first = put(key, "one");
            StoredVersion second = put(key, "one, two");
            expected.add(key + " " + second.versionId() + " latest 8");
            expected.add(key + " " + first.versionId() + " older 3");
        }

        List<ListedVersion> versions = target.versions("journal/");

        assertEquals(expected, versions.stream().map(v -> v.key() + " " + v.versionId() + " "
                + (v.latest() ? "latest" : "older") + " " + v.size()).toList());
        assertEquals(2, s3.pagesListed);
    }

    @Test
    void aBucketThatIsGoneHoldsNoVersionsButAListingOfItFails() {
        s3.fail("ListObjectVersions", 404, "NoSuchBucket");
        s3.fail("ListObjectsV2", 404, "NoSuchBucket");

        assertEquals(List.of(), target.versions("documents/"));
        BucketUnavailable failure = assertThrows(BucketUnavailable.class, () -> target.list("documents/"));
        assertTrue(failure.getMessage().startsWith("bucket vault-primary unavailable while listing documents/"),
                failure.getMessage());
    }

    @Test
    void aBucketThatDeniesAVersionListingIsNotTakenForAnEmptyOne() {
        s3.fail("ListObjectVersions", 403, "AccessDenied");

        assertThrows(BucketUnavailable.class, () -> target.versions("documents/"));

        s3.fail("ListObjectVersions", SdkClientException.create("Connection refused"));

        assertThrows(BucketUnavailable.class, () -> target.versions("documents/"));
    }

    private StoredVersion put(String key, String text) {
        byte[] bytes = bytes(text);
        return target.put(ObjectUpload.of(key, ObjectSource.of(bytes), "text/plain", Sha256.hexOf(bytes)));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
