package dev.strongroom.audit.digest;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.strongroom.signing.KeyHistory;
import dev.strongroom.signing.Pem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A digest file read for offline verification, with its signature checked against the key it names
 * in the vault's published key history. Works on a plain copy of the bucket's {@code audit-digests/} folder
 * ({@code aws s3 cp --recursive}), without the vault.
 *
 * @param problem why the digest cannot be trusted, or null when its signature verifies
 */
public record SignedDigest(String name, AuditDigest digest, String signature, String sha256, String problem) {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    public boolean trusted() {
        return problem == null;
    }

    /** Every {@code *.json} under {@code dir} (any depth) with its {@code .json.sig}, checked against one key. */
    public static List<SignedDigest> load(Path dir, PublicKey key) {
        return load(dir, KeyHistory.ofSingleKey(key));
    }

    /**
     * Every {@code *.json} under {@code dir} (any depth) with its {@code .json.sig}, each checked against
     * the key it names in the vault's key history, which must not have been retired before the digest's end.
     */
    public static List<SignedDigest> load(Path dir, KeyHistory keys) {
        List<SignedDigest> loaded = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
                loaded.add(read(dir.relativize(file).toString(), file, keys));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the digests in " + dir, e);
        }
        return loaded;
    }

    private static SignedDigest read(String name, Path file, KeyHistory keys) throws IOException {
        byte[] body = Files.readAllBytes(file);
        String sha256 = HexFormat.of().formatHex(SegmentDigests.sha256().digest(body));
        AuditDigest digest;
        try {
            digest = JSON.readValue(body, AuditDigest.class);
        } catch (IOException e) {
            return new SignedDigest(name, null, null, sha256, "not a readable digest: " + e.getMessage());
        }
        Path signatureFile = file.resolveSibling(file.getFileName() + DigestKeys.SIGNATURE_SUFFIX);
        if (!Files.isRegularFile(signatureFile)) {
            return new SignedDigest(name, digest, null, sha256, "its signature file " + signatureFile.getFileName()
                    + " is missing");
        }
        String signature = Files.readString(signatureFile, StandardCharsets.US_ASCII).strip();
        if (digest.signingKey() == null) {
            return new SignedDigest(name, digest, signature, sha256, "it names no signing key");
        }
        Instant end;
        try {
            end = Instant.parse(digest.digestEndTime());
        } catch (RuntimeException e) {
            return new SignedDigest(name, digest, signature, sha256, "its digestEndTime is not a time");
        }
        Optional<String> problem = keys.signatureProblem(digest.signingKey().publicKeySha256(), body, signature, end);
        return new SignedDigest(name, digest, signature, sha256, problem.map(p -> p.startsWith("the signature does not "
                + "verify") ? "its signature does not verify: the digest was changed or not signed by the vault (" + p
                        + ")" : p).orElse(null));
    }

    /** An Ed25519 public key in X.509 PEM, as GET /keys/{keyId}.pem serves it. */
    public static PublicKey publicKey(Path pem) {
        try {
            return Pem.ed25519PublicKey(Files.readString(pem, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the public key " + pem, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(pem + " is " + e.getMessage(), e);
        }
    }
}
