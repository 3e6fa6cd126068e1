package dev.strongroom.storage;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import software.amazon.awssdk.services.s3.model.ChecksumType;

/**
 * A versioned bucket held in the process ({@code strongroom.storage.target=memory}): for tests and
 * trials, gone at stop. It checks as S3 does, not just accepts: the bytes must hash to the upload's
 * SHA-256 and have its size, in parts the checksum is the composite of the parts' digests, every
 * put adds a version, and a COMPLIANCE retention cannot be shortened.
 */
@ApplicationScoped
@Identifier("memory")
public class InMemoryBackupTarget implements BackupTarget {

    private record Version(String versionId, byte[] bytes, String checksum, ChecksumType checksumType,
            Map<String, String> metadata, Retention retention, boolean legalHold, Instant lastModified) {

        Version retained(Retention newer) {
            return new Version(versionId, bytes, checksum, checksumType, metadata, newer, legalHold, lastModified);
        }
    }

    /** Per key, its versions oldest first. */
    private final Map<String, List<Version>> objects = new TreeMap<>();

    @Override
    public boolean configured() {
        return true;
    }

    @Override
    public String location() {
        return "memory";
    }

    @Override
    public StoredVersion put(ObjectUpload upload) {
        long size = upload.size();
        VerifyingContent content = new VerifyingContent(() -> upload.source().open(0, size), size, upload.onRead());
        byte[] bytes;
        try (InputStream in = content.newStream()) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bytes of " + upload.key(), e);
        }
        if (!content.sentExactly(upload.sha256())) {
            throw new ObjectRefused("the bytes sent for " + upload.key() + " hash to " + Sha256.hexOf(bytes) + ", not "
                    + upload.sha256() + " (the local copy does not match its recorded SHA-256)");
        }
        PartDigests.Composite composite = upload.inParts() ? composite(bytes, upload.partSize()) : null;
        String checksum = composite == null ? Sha256.base64OfHex(upload.sha256()) : composite.checksum();
        Version version = new Version(UUID.randomUUID().toString(), bytes, checksum,
                composite == null ? ChecksumType.FULL_OBJECT : ChecksumType.COMPOSITE, Map.copyOf(upload.metadata()),
                upload.retention(), upload.legalHold(), Instant.now());
        synchronized (this) {
            objects.computeIfAbsent(upload.key(), k -> new ArrayList<>()).add(version);
        }
        upload.sent(size);
        return new StoredVersion(upload.key(), version.versionId(), composite, upload.retention());
    }

    @Override
    public synchronized Optional<StoredVersion> putIfAbsent(ObjectUpload upload) {
        if (upload.inParts()) {
            throw new IllegalArgumentException("a conditional put is a single request: " + upload.key());
        }
        return objects.containsKey(upload.key()) ? Optional.empty() : Optional.of(put(upload));
    }

    private static PartDigests.Composite composite(byte[] bytes, long partSize) {
        ByteArrayOutputStream digests = new ByteArrayOutputStream();
        int parts = 0;
        for (long offset = 0; offset < bytes.length; offset += partSize) {
            int length = (int) Math.min(partSize, bytes.length - offset);
            digests.writeBytes(Sha256.digest().digest(Arrays.copyOfRange(bytes, (int) offset,
                    (int) offset + length)));
            parts++;
        }
        return new PartDigests.Composite(PartDigests.composite(digests.toByteArray()), parts, partSize);
    }

    @Override
    public synchronized Optional<ObjectInfo> head(String key, String versionId) {
        return find(key, versionId).map(v -> new ObjectInfo(key, v.versionId(), v.bytes().length, v.checksum(),
                v.checksumType(), v.metadata(), v.retention(), v.lastModified()));
    }

    @Override
    public synchronized InputStream open(String key, String versionId) {
        return new ByteArrayInputStream(find(key, versionId)
                .orElseThrow(() -> new ObjectMissing(key, versionId, null)).bytes());
    }

    @Override
    public synchronized InputStream openFrom(String key, String versionId, long offset) {
        byte[] bytes = find(key, versionId).orElseThrow(() -> new ObjectMissing(key, versionId, null)).bytes();
        if (offset >= bytes.length && bytes.length > 0) {
            throw new ObjectRefused("the range from byte " + offset + " lies past the end of " + key + " ("
                    + bytes.length + " bytes)");
        }
        return new ByteArrayInputStream(bytes, (int) offset, bytes.length - (int) offset);
    }

    @Override
    public synchronized List<ListedObject> list(String prefix) {
        List<ListedObject> listed = new ArrayList<>();
        objects.forEach((key, versions) -> {
            if (key.startsWith(prefix)) {
                Version newest = versions.get(versions.size() - 1);
                listed.add(new ListedObject(key, newest.bytes().length, newest.lastModified()));
            }
        });
        return listed;
    }

    @Override
    public synchronized List<ListedVersion> versions(String prefix) {
        List<ListedVersion> listed = new ArrayList<>();
        objects.forEach((key, versions) -> {
            if (key.startsWith(prefix)) {
                for (int i = versions.size() - 1; i >= 0; i--) {
                    Version v = versions.get(i);
                    listed.add(new ListedVersion(key, v.versionId(), v.bytes().length, i == versions.size() - 1,
                            v.lastModified()));
                }
            }
        });
        return listed;
    }

    /** Held in the process: it always answers. */
    @Override
    public void probe() {
    }

    @Override
    public synchronized void retain(String key, String versionId, Retention retention) {
        List<Version> versions = objects.get(key);
        Version version = find(key, versionId).orElseThrow(() -> new ObjectMissing(key, versionId, null));
        Retention held = version.retention();
        if (held != null && held.compliance() && held.retainUntil().isAfter(Instant.now()) && !retention.covers(held)) {
            // As S3 does: a COMPLIANCE lock can only be extended, by anyone, until it ends.
            throw new ObjectRefused(key + " version " + versionId + " is under COMPLIANCE retention until "
                    + held.retainUntil() + "; it cannot be shortened or weakened");
        }
        versions.set(versions.indexOf(version), version.retained(retention));
    }

    private Optional<Version> find(String key, String versionId) {
        List<Version> versions = objects.getOrDefault(key, List.of());
        if (versionId == null) {
            return versions.isEmpty() ? Optional.empty() : Optional.of(versions.get(versions.size() - 1));
        }
        return versions.stream().filter(v -> v.versionId().equals(versionId)).findFirst();
    }
}
