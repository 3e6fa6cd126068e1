package dev.strongroom.signing;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every key the vault ever signed with, oldest first, each with its validity period; at most the last
 * one is current. Published as {@code /.well-known/strongroom-keys.json} and {@code keys/strongroom-keys.json}
 * in the bucket (docs/keys.md). Verifiers take it to check a signature against the key the signed
 * thing names, which must be in the history and not retired before the thing's time.
 */
@JsonPropertyOrder({ "format", "keys" })
public record KeyHistory(String format, List<PublishedKey> keys) {

    public static final String FORMAT = "strongroom-keys/1";

    public KeyHistory {
        keys = List.copyOf(keys);
    }

    public static KeyHistory empty() {
        return new KeyHistory(FORMAT, List.of());
    }

    public static KeyHistory first(SigningKey key, Instant from) {
        return new KeyHistory(FORMAT, List.of(PublishedKey.of(key, from)));
    }

    /** A history of one key with an unknown period: what a verifier given a bare PEM knows. */
    public static KeyHistory ofSingleKey(PublicKey key) {
        return new KeyHistory(FORMAT, List.of(new PublishedKey(KeyId.of(key), SigningKey.ALGORITHM, null, null,
                Pem.encode("PUBLIC KEY", key.getEncoded()))));
    }

    /** The current key retired at {@code at} and {@code next} valid from then. */
    public KeyHistory rotatedTo(SigningKey next, Instant at) {
        List<PublishedKey> all = new ArrayList<>();
        for (PublishedKey k : keys) {
            all.add(k.current() ? k.retiredAt(at) : k);
        }
        all.add(PublishedKey.of(next, at));
        return new KeyHistory(FORMAT, all);
    }

    public Optional<PublishedKey> current() {
        return keys.stream().filter(PublishedKey::current).reduce((a, b) -> b);
    }

    /** The public halves of every key in the history, oldest first. */
    public List<PublicKey> publicKeys() {
        return keys.stream().map(PublishedKey::publicKey).toList();
    }

    public Optional<PublishedKey> find(String keyId) {
        return keys.stream().filter(k -> k.keyId().equals(keyId)).findFirst();
    }

    /**
     * What is wrong with a signature, or empty when it holds: the key it names is in the history (a
     * statement naming no key is the first key's, as receipts were before keys had ids), the
     * signature verifies with that key over the exact bytes, and the key was not retired before
     * {@code statedAt} (null: not checked).
     */
    public Optional<String> signatureProblem(String namedKeyId, byte[] message, String signatureBase64,
            Instant statedAt) {
        if (keys.isEmpty()) {
            return Optional.of("the key history is empty");
        }
        String keyId = namedKeyId == null ? keys.get(0).keyId() : namedKeyId;
        Optional<PublishedKey> key = find(keyId);
        if (key.isEmpty()) {
            return Optional.of("it names key " + keyId + ", which is not in the key history");
        }
        try {
            Signature ed25519 = Signature.getInstance(SigningKey.ALGORITHM);
            ed25519.initVerify(key.get().publicKey());
            ed25519.update(message);
            if (!ed25519.verify(java.util.Base64.getDecoder().decode(signatureBase64.strip()))) {
                return Optional.of("the signature does not verify with key " + keyId);
            }
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return Optional.of("the signature or key " + keyId + " is unusable: " + e.getMessage());
        }
        if (statedAt != null && !key.get().couldSignStatementAbout(statedAt)) {
            return Optional.of("key " + keyId + " was retired at " + key.get().validUntil() + ", before " + statedAt
                    + ", the time the signed statement is about");
        }
        return Optional.empty();
    }

    public byte[] toJson() {
        try {
            return KeyJson.MAPPER.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @throws IllegalArgumentException when the bytes are not a key history */
    public static KeyHistory parse(byte[] json) {
        KeyHistory history;
        try {
            history = KeyJson.MAPPER.readValue(json, KeyHistory.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a key history: " + e.getMessage(), e);
        }
        if (history == null || !FORMAT.equals(history.format()) || history.keys() == null) {
            throw new IllegalArgumentException("not a key history (format " + FORMAT + ")");
        }
        return history;
    }

    /**
     * A verifier's key file: the key history (JSON, as published), or a single public key in PEM for
     * verifiers that were handed one key.
     *
     * @throws IllegalArgumentException when the file is neither
     */
    public static KeyHistory read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the keys " + file + ": " + e.getMessage(), e);
        }
        String text = new String(bytes, StandardCharsets.UTF_8).strip();
        if (text.startsWith("-----BEGIN")) {
            return ofSingleKey(Pem.ed25519PublicKey(text));
        }
        try {
            return parse(bytes);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + " is neither a key history (strongroom-keys.json) nor a "
                    + "public key in PEM", e);
        }
    }
}
