package dev.strongroom.storage;

/**
 * A version the target confirmed.
 *
 * @param composite the composite of the parts when sent in parts; null for one request
 * @param echoedRetention the lock the target's answer named, when it names one (emulators do, AWS
 *        does not); null when the answer is silent about it
 */
public record StoredVersion(String key, String versionId, PartDigests.Composite composite, Retention echoedRetention) {
}
