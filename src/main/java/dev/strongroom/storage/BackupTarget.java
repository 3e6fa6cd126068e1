package dev.strongroom.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where backups go: a versioned object store under Object Lock (the primary S3 bucket in
 * production). Every capability that reads or writes vault data in the bucket does so through this
 * contract, so a second target is one class implementing it plus {@code strongroom.storage.target}.
 * <p>
 * The contract, which every implementation honours ({@code BackupTargetContract} checks it):
 * <ul>
 * <li>{@link #put} either returns the version of an object whose checksum the target reported
 * back equal to the upload's SHA-256 (or, in parts, to the composite of the parts' digests) and
 * whose sent bytes hashed to it, or throws. A put never replaces a version; it adds one.</li>
 * <li>{@link ObjectRefused}: these bytes or this change were refused (checksum mismatch, a lock
 * that forbids shortening a retention); sending other bytes may succeed. {@link BucketUnavailable}:
 * the target is not usable now; every further call would fail the same way. {@link ObjectMissing}:
 * the key or version is not there.</li>
 * <li>Retries (throttling, 5xx, timeouts) happen inside the implementation; what escapes is final.</li>
 * <li>Every method is idempotent but {@link #put}, which adds a version each time, and
 * {@link #putIfAbsent}, which adds one only while the key has none.</li>
 * </ul>
 */
public interface BackupTarget {

    /** False when no target is configured (no bucket): backups show "not configured" instead of failing. */
    boolean configured();

    /** The target's name for people and manifests: the bucket name. */
    String location();

    /** Stores a new version of {@code upload.key()}; see the class comment for what a return means. */
    StoredVersion put(ObjectUpload upload);

    /**
     * As {@link #put}, but only while {@code upload.key()} has no current version: of two writers racing
     * to create one key, exactly one wins (S3's conditional write, {@code If-None-Match: *}). Empty when
     * the key is already there; nothing was written then. Single requests only, not parts.
     */
    Optional<StoredVersion> putIfAbsent(ObjectUpload upload);

    /** Uploads a small local file (manifest, catalog export, journal segment, digest); returns its version id. */
    default String putFile(String key, Path file, String contentType, String sha256Hex) {
        return putFile(key, file, contentType, sha256Hex, null);
    }

    /** As {@link #putFile(String, Path, String, String)}, telling {@code onRead} (may be null) of every read of the file. */
    default String putFile(String key, Path file, String contentType, String sha256Hex, Runnable onRead) {
        ObjectUpload upload = ObjectUpload.of(key, ObjectSource.of(file), contentType, sha256Hex);
        return put(new ObjectUpload(key, upload.source(), contentType, sha256Hex, upload.metadata(), null, false, 0,
                onRead, null)).versionId();
    }

    /**
     * The newest version of {@code key} (versionId null) or the named one, with its checksum; empty when
     * the key, the version, or (S3) the bucket is not there.
     */
    Optional<ObjectInfo> head(String key, String versionId);

    /**
     * The bytes of the newest version (versionId null) or the named one. The caller closes the stream;
     * a read of it that fails throws {@link IOException}.
     *
     * @throws ObjectMissing when the key, or the named version of it, is not there (S3 also answers so
     *         when the newest version is a delete marker: {@link #versions} still lists the others)
     */
    InputStream open(String key, String versionId);

    /**
     * The bytes from {@code offset} to the end of the newest version (versionId null) or the named one,
     * without sending the ones before: the end of a long object. {@code offset} lies within the version
     * (S3 refuses a range that starts past the end). The caller closes the stream.
     */
    InputStream openFrom(String key, String versionId, long offset);

    /** The bytes of the newest version (versionId null) or the named one: for small objects only. */
    default byte[] read(String key, String versionId) {
        try (InputStream in = open(key, versionId)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + key + " from " + location(), e);
        }
    }

    /** The newest version of every key under {@code prefix}, in key order. */
    List<ListedObject> list(String prefix);

    /**
     * Every version of every key under {@code prefix}: keys in order, each key's newest version first;
     * empty when the bucket itself is gone, since nothing the vault confirmed is there then.
     */
    List<ListedVersion> versions(String prefix);

    /**
     * Asks whether the target answers at all, reading nothing: for a target read only now and then (the
     * replica), before work that would fail the same way on every object.
     *
     * @throws BucketUnavailable with the target's own words when it does not answer
     */
    void probe();

    /** Sets or extends the Object Lock retention of one version; refused ({@link ObjectRefused}) where a lock forbids it. */
    void retain(String key, String versionId, Retention retention);
}
