package dev.strongroom.storage;

/**
 * The target refused these bytes (checksum mismatch, a part out of order, a lock that forbids the
 * change) or did not confirm them; another object, or the same one sent again, may well succeed.
 */
public class ObjectRefused extends StorageFailure {

    public ObjectRefused(String message) {
        super(message, null);
    }

    public ObjectRefused(String message, Throwable cause) {
        super(message, cause);
    }
}
