package dev.strongroom.keys;

/** Whether the vault can sign. */
public enum KeyState {
    /** The current key of the history is on the volume: receipts and digests are signed with it. */
    READY,
    /**
     * The vault had a key (its history, journal or bucket says so) and it is not here: nothing is
     * signed until the key is restored or a rotation is approved. Never replaced silently.
     */
    MISSING
}
