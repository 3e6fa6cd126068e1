package dev.strongroom.backup;

import java.util.Optional;

/**
 * The vault's signing key, as far as a backup run is concerned: S3 alone rebuilds a vault that signs
 * with the same key only if the key (encrypted) and its history are in the bucket too. Implemented by
 * the keys capability, so backup does not reach into it.
 */
public interface SigningKeyBackup {

    /** Writes whatever of the keys the bucket lacks; empty when all is there, else why not. */
    Optional<String> backUpKeys();

    /** The bucket lost objects the vault had written (the spot check found it): write every key object again. */
    void writeAllAgain();
}
