package dev.strongroom.storage;

/**
 * The bucket did not answer, or refused in a way every further call would repeat (access denied,
 * no such bucket), after the SDK's retries: the run stops starting uploads and ends failed; the
 * next run resumes from what was confirmed.
 */
public class BucketUnavailable extends StorageFailure {

    public BucketUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
