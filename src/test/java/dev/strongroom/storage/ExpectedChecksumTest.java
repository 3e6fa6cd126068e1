package dev.strongroom.storage;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.ChecksumType;

/**
 * S3's answer for a confirmed version, judged by the checksum type S3 reports with it: the forms AWS
 * documents (a composite with "-N" on HeadObject, without it in GetObjectAttributes), the form moto
 * 5.2.1 gives (no suffix, and no type unless the upload named one), and wrong answers of each kind.
 */
class ExpectedChecksumTest {

    private static final String SHA = Sha256.hexOf("the whole document".getBytes(StandardCharsets.UTF_8));
    private static final String SHA_B64 = Sha256.base64OfHex(SHA);
    private static final String COMPOSITE = Base64.getEncoder().encodeToString(Sha256.digest().digest(
            "two part digests".getBytes(StandardCharsets.UTF_8)));
    private static final String OTHER = Sha256.base64OfHex(Sha256.hexOf("other bytes".getBytes(StandardCharsets.UTF_8)));

    private final ExpectedChecksum whole = ExpectedChecksum.wholeObject(SHA);
    private final ExpectedChecksum parted = ExpectedChecksum.composite(SHA, COMPOSITE, 18);

    @Test
    void aFullObjectChecksumMustBeTheCatalogsSha256() {
        assertNull(whole.mismatch(SHA_B64, ChecksumType.FULL_OBJECT, "v1"));
        String wrong = whole.mismatch(OTHER, ChecksumType.FULL_OBJECT, "v1");
        assertNotNull(wrong);
        assertTrue(wrong.contains("for version v1, the catalog has " + SHA), wrong);
    }

    @Test
    void aCompositeMatchesWithOrWithoutThePartCountAwsAppends() {
        assertNull(parted.mismatch(COMPOSITE + "-18", ChecksumType.COMPOSITE, "v2"));
        assertNull(parted.mismatch(COMPOSITE, ChecksumType.COMPOSITE, "v2"), "moto 5.2.1 appends no part count");
    }

    @Test
    void aCompositeOfOtherBytesOrAnotherPartCountFails() {
        assertNotNull(parted.mismatch(OTHER + "-18", ChecksumType.COMPOSITE, "v2"));
        assertNotNull(parted.mismatch(COMPOSITE + "-17", ChecksumType.COMPOSITE, "v2"));
        // A full-object SHA-256 of the right bytes is not what S3 holds for a document sent in parts.
        assertNotNull(parted.mismatch(SHA_B64, ChecksumType.COMPOSITE, "v2"));
    }

    @Test
    void aCompositeWhereTheVaultConfirmedOnePieceFails() {
        String wrong = whole.mismatch(COMPOSITE + "-3", ChecksumType.COMPOSITE, "v3");
        assertNotNull(wrong);
        assertTrue(wrong.contains("uploaded in one piece"), wrong);
    }

    @Test
    void withoutATypeEitherExpectedValueProvesTheBytesAndNothingElseDoes() {
        assertNull(parted.mismatch(COMPOSITE, null, "v4"));
        assertNull(parted.mismatch(COMPOSITE + "-18", null, "v4"));
        assertNull(whole.mismatch(SHA_B64, null, "v4"));
        assertNotNull(whole.mismatch(OTHER, null, "v4"));
        assertNotNull(parted.mismatch(OTHER, null, "v4"));
        assertNotNull(whole.mismatch(COMPOSITE, null, "v4"), "a composite the vault never confirmed");
    }

    @Test
    void noChecksumAtAllFails() {
        assertTrue(whole.mismatch(null, ChecksumType.FULL_OBJECT, "v5").contains("no SHA-256 checksum"));
    }
}
