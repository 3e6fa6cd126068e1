package dev.strongroom.keys;

import dev.strongroom.signing.KeyHistory;
import dev.strongroom.signing.SigningKey;
import dev.strongroom.signing.SigningKeySource;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.PublicKey;
import java.util.Optional;

/**
 * The vault's signing key as those who sign see it ({@link SigningKeySource}): receipts and audit
 * digests. Custody (where the key lives, its backup, its history and rotation) is {@link KeyCustody}'s. Every method refuses with a
 * 503 {@code signing-key-missing} problem while the key is missing. Take {@link #current()} once per
 * signed thing, so its key id and signature come from the same key even across a rotation.
 */
@ApplicationScoped
public class VaultKey implements SigningKeySource {

    private final KeyCustody custody;

    public VaultKey(KeyCustody custody) {
        this.custody = custody;
    }

    @Override
    public SigningKey current() {
        return custody.signingKey();
    }

    @Override
    public byte[] sign(byte[] message) {
        return current().sign(message);
    }

    @Override
    public PublicKey publicKey() {
        return current().publicKey();
    }

    @Override
    public String publicKeyPem() {
        return current().publicKeyPem();
    }

    /** The signing key if custody is loaded already, without loading it: for the journal while it opens. */
    @Override
    public Optional<SigningKey> loaded() {
        return custody.loadedKey();
    }

    /** Every key the vault signed with, for verifiers; available while the key is missing too. */
    @Override
    public KeyHistory history() {
        return custody.history();
    }
}
