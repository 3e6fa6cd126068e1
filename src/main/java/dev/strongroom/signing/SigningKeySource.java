package dev.strongroom.signing;

import java.security.PublicKey;
import java.util.Optional;

/**
 * The vault's signing key as those who sign and verify see it. The journal and its digests sign through
 * this interface rather than through custody ({@code keys}), because custody audits what it does: the
 * journal below it cannot depend on it. {@code keys.VaultKey} is the one implementation. Every method
 * but {@link #loaded()} and {@link #history()} refuses with a 503 {@code signing-key-missing} problem while
 * the key is missing. Take {@link #current()} once per signed thing, so its key id and signature come from
 * the same key even across a rotation.
 */
public interface SigningKeySource {

    SigningKey current();

    byte[] sign(byte[] message);

    PublicKey publicKey();

    String publicKeyPem();

    /** The signing key if custody is loaded already, without loading it: for the journal while it opens. */
    Optional<SigningKey> loaded();

    /** Every key the vault signed with, for verifiers; available while the key is missing too. */
    KeyHistory history();
}
