package dev.strongroom.metadata.lambda;

/**
 * One {@code s3:ObjectCreated:*} record: the bucket, the key (URL-decoded, as S3 stores it), the size
 * the event states and the version it created (null when the event names none).
 */
public record ObjectCreated(String bucket, String key, long size, String versionId) {
}
