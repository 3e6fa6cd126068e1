package dev.strongroom.storage;

import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The chosen backup target, writing only while the bucket's claim names this vault: a staging or rehearsal vault
 * pointed at production's bucket writes nothing there, from any capability, not only its backup runs. Reads are
 * never refused, so such a vault can still restore from the bucket.
 */
final class ClaimedBucket implements BackupTarget {

    private final BackupTarget target;
    private final Supplier<Optional<String>> clearance;

    /** @param clearance {@link BucketClearance#refusal()} */
    ClaimedBucket(BackupTarget target, Supplier<Optional<String>> clearance) {
        this.target = target;
        this.clearance = clearance;
    }

    /** The target the configuration chose, under the claim's guard. */
    BackupTarget chosen() {
        return target;
    }

    private void cleared(String key) {
        if (ObjectKeys.CLAIM.equals(key)) {
            return;
        }
        Optional<String> refusal = clearance.get();
        if (refusal.isPresent()) {
            throw new BucketClaimedElsewhere("not written to " + key + ": " + refusal.get());
        }
    }

    @Override
    public boolean configured() {
        return target.configured();
    }

    @Override
    public String location() {
        return target.location();
    }

    @Override
    public StoredVersion put(ObjectUpload upload) {
        cleared(upload.key());
        return target.put(upload);
    }

    @Override
    public Optional<StoredVersion> putIfAbsent(ObjectUpload upload) {
        cleared(upload.key());
        return target.putIfAbsent(upload);
    }

    @Override
    public Optional<ObjectInfo> head(String key, String versionId) {
        return target.head(key, versionId);
    }

    @Override
    public InputStream open(String key, String versionId) {
        return target.open(key, versionId);
    }

    @Override
    public InputStream openFrom(String key, String versionId, long offset) {
        return target.openFrom(key, versionId, offset);
    }

    @Override
    public List<ListedObject> list(String prefix) {
        return target.list(prefix);
    }

    @Override
    public List<ListedVersion> versions(String prefix) {
        return target.versions(prefix);
    }

    @Override
    public void probe() {
        target.probe();
    }

    @Override
    public void retain(String key, String versionId, Retention retention) {
        cleared(key);
        target.retain(key, versionId, retention);
    }
}
