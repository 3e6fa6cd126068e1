package dev.strongroom.storage;

import software.amazon.awssdk.services.s3.model.ChecksumType;

/**
 * What S3 must report ({@code x-amz-checksum-sha256} of HeadObject or GetObject with ChecksumMode)
 * for a version the vault confirmed, compared by the checksum type S3 reports with it
 * ({@code x-amz-checksum-type}), not by the look of the value:
 * <ul>
 * <li>{@code FULL_OBJECT}: the SHA-256 of the whole object. A single PUT always has this type.</li>
 * <li>{@code COMPOSITE}: the SHA-256 of the concatenated SHA-256 digests of the parts. S3 offers no
 * full-object SHA-256 for multipart uploads, so every document uploaded in parts has this type. AWS
 * appends "-" and the part count on HeadObject and GetObject (not in GetObjectAttributes); moto 5.2.1
 * appends nothing. When a count is there it must be the vault's.</li>
 * <li>No type (S3 before the header existed, and moto when the upload did not name a type): the value
 * must be one of the two the vault expects; either proves the bytes.</li>
 * </ul>
 *
 * @param sha256 the catalog's SHA-256, hex
 * @param composite the composite the vault confirmed, base64 without a part count; null when the
 *        document went up in one piece
 * @param parts the part count of {@code composite}
 */
public record ExpectedChecksum(String sha256, String composite, int parts) {

    public static ExpectedChecksum wholeObject(String sha256) {
        return new ExpectedChecksum(sha256, null, 0);
    }

    public static ExpectedChecksum composite(String sha256, String composite, int parts) {
        return new ExpectedChecksum(sha256, composite, parts);
    }

    /**
     * Null when S3's checksum for {@code versionId} is the one expected; otherwise a sentence saying
     * what S3 reports and what was expected.
     */
    public String mismatch(String reported, ChecksumType type, String versionId) {
        if (reported == null || reported.isBlank()) {
            return "S3 reports no SHA-256 checksum for version " + versionId;
        }
        Reported r = Reported.parse(reported);
        ChecksumType known = type == null || type == ChecksumType.UNKNOWN_TO_SDK_VERSION ? null : type;
        boolean whole = r.digest().equals(Sha256.base64OfHex(sha256)) && r.parts() == null;
        boolean parted = composite != null && r.digest().equals(composite)
                && (r.parts() == null || r.parts() == parts);
        if (known == ChecksumType.FULL_OBJECT) {
            return whole ? null : "S3 reports SHA-256 " + r.hex() + " for version " + versionId + ", the catalog has "
                    + sha256;
        }
        if (known == ChecksumType.COMPOSITE) {
            if (composite == null) {
                return "S3 reports a composite checksum " + reported + " for version " + versionId + ", but the vault "
                        + "confirmed that version as uploaded in one piece with SHA-256 " + sha256;
            }
            return parted ? null : "S3 reports composite checksum " + reported + " for version " + versionId
                    + ", the vault confirmed " + composite + "-" + parts + " (of the bytes the catalog has as SHA-256 "
                    + sha256 + ")";
        }
        return whole || parted ? null : "S3 reports checksum " + reported + " (no checksum type) for version "
                + versionId + ", the catalog has SHA-256 " + sha256
                + (composite == null ? "" : " and the vault confirmed the composite " + composite + "-" + parts);
    }

    /** A reported value: the base64 digest, and the part count when S3 appended one. */
    private record Reported(String digest, Integer parts) {

        /** Base64 has no '-', so a '-' can only be the start of the part count S3 appends. */
        static Reported parse(String value) {
            int dash = value.lastIndexOf('-');
            if (dash < 0) {
                return new Reported(value, null);
            }
            try {
                return new Reported(value.substring(0, dash), Integer.parseInt(value.substring(dash + 1)));
            } catch (NumberFormatException e) {
                return new Reported(value, null);
            }
        }

        String hex() {
            try {
                return Sha256.hexOfBase64(digest);
            } catch (IllegalArgumentException e) {
                return digest;
            }
        }
    }
}
