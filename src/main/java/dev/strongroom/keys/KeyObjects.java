package dev.strongroom.keys;

/**
 * Where keys live in the backup bucket, under the Object Lock of every backup object:
 * {@code keys/strongroom-keys.json} (the history; a new version at each change), {@code keys/<key id>.pem}
 * (each public key) and {@code keys/<key id>.envelope.json} (each private key, encrypted).
 */
public final class KeyObjects {

    public static final String PREFIX = "keys/";
    public static final String HISTORY = PREFIX + "strongroom-keys.json";

    private KeyObjects() {
    }

    public static String pem(String keyId) {
        return PREFIX + keyId + ".pem";
    }

    public static String envelope(String keyId) {
        return PREFIX + keyId + ".envelope.json";
    }
}
