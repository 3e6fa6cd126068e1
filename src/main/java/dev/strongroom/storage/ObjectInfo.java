package dev.strongroom.storage;

import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.s3.model.ChecksumType;

/**
 * What a target reports about one version without its bytes.
 *
 * @param checksum the SHA-256 checksum as S3 spells it (base64, "-parts" appended for a composite
 *        on AWS); compare with {@link ExpectedChecksum}
 * @param retention the version's Object Lock; null when it has none
 */
public record ObjectInfo(String key, String versionId, long size, String checksum, ChecksumType checksumType,
        Map<String, String> metadata, Retention retention, Instant lastModified) {
}
