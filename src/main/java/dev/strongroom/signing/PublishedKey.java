package dev.strongroom.signing;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.security.PublicKey;
import java.time.Instant;

/**
 * One key of the history as it is published.
 *
 * @param validFrom when the vault began signing with it (UTC instant); null when unknown, for a key
 *        read from a bare PEM
 * @param validUntil when it was retired; null for the current key. Nothing the vault states after
 *        this time is signed with it.
 * @param publicKeyPem X.509 SubjectPublicKeyInfo in PEM, as openssl reads it
 */
@JsonPropertyOrder({ "keyId", "algorithm", "validFrom", "validUntil", "publicKeyPem" })
public record PublishedKey(String keyId, String algorithm, String validFrom, String validUntil, String publicKeyPem) {

    public static PublishedKey of(SigningKey key, Instant from) {
        return new PublishedKey(key.keyId(), SigningKey.ALGORITHM, from.toString(), null, key.publicKeyPem());
    }

    @JsonIgnore
    public boolean current() {
        return validUntil == null;
    }

    public PublishedKey retiredAt(Instant at) {
        return new PublishedKey(keyId, algorithm, validFrom, at.toString(), publicKeyPem);
    }

    /** @throws IllegalArgumentException when the PEM is unreadable or does not hash to the key id */
    public PublicKey publicKey() {
        PublicKey key = Pem.ed25519PublicKey(publicKeyPem);
        if (!KeyId.of(key).equals(keyId)) {
            throw new IllegalArgumentException("the PEM of key " + keyId + " is another key (" + KeyId.of(key) + ")");
        }
        return key;
    }

    /**
     * Whether this key may have signed a statement about {@code at} (an upload time, a digest's end):
     * such a statement is signed at or after that time, by a key not yet retired then.
     */
    public boolean couldSignStatementAbout(Instant at) {
        return validUntil == null || !at.isAfter(Instant.parse(validUntil));
    }
}
