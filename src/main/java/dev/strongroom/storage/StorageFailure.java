package dev.strongroom.storage;

/**
 * A backup target could not do what was asked, after its own retries. Callers sort by subtype:
 * {@link ObjectRefused} concerns one object's bytes, {@link BucketUnavailable} the whole target,
 * {@link ObjectMissing} a key or version that is not there.
 */
public class StorageFailure extends RuntimeException {

    public StorageFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
