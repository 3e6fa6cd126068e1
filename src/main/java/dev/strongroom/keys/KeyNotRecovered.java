package dev.strongroom.keys;

/** A signing key could not be brought back from its backup; the message says why, for the operator. */
public class KeyNotRecovered extends RuntimeException {

    public KeyNotRecovered(String message) {
        super(message);
    }

    public KeyNotRecovered(String message, Throwable cause) {
        super(message, cause);
    }
}
