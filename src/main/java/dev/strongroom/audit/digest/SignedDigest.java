package dev.strongroom.audit.digest;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * A digest file read for offline verification, with its signature checked against the published
 * public key. Works on a plain copy of the bucket's {@code audit-digests/} folder
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

    /** Every {@code *.json} under {@code dir} (any depth) with its {@code .json.sig}. */
    public static List<SignedDigest> load(Path dir, PublicKey key) {
        List<SignedDigest> loaded = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
                loaded.add(read(dir.relativize(file).toString(), file, key));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the digests in " + dir, e);
        }
        return loaded;
    }

    private static SignedDigest read(String name, Path file, PublicKey key) throws IOException {
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
        String keyId = HexFormat.of().formatHex(SegmentDigests.sha256().digest(key.getEncoded()));
        if (digest.signingKey() == null || !keyId.equals(digest.signingKey().publicKeySha256())) {
            return new SignedDigest(name, digest, signature, sha256, "it names another signing key ("
                    + (digest.signingKey() == null ? "none" : digest.signingKey().publicKeySha256()) + ") than the one given ("
                    + keyId + ")");
        }
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(body);
            if (!verifier.verify(Base64.getDecoder().decode(signature))) {
                return new SignedDigest(name, digest, signature, sha256, "its signature does not verify: the digest "
                        + "was changed or not signed by the vault");
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return new SignedDigest(name, digest, signature, sha256, "its signature is unusable: " + e.getMessage());
        }
        return new SignedDigest(name, digest, signature, sha256, null);
    }

    /** An Ed25519 public key in X.509 PEM, as GET /api/keys/receipt serves it. */
    public static PublicKey publicKey(Path pem) {
        try {
            String body = Files.readString(pem, StandardCharsets.US_ASCII).replaceAll("-----[A-Z ]+-----", "")
                    .replaceAll("\\s", "");
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Base64.getDecoder()
                    .decode(body)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the public key " + pem, e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException(pem + " is not an Ed25519 public key in PEM: " + e.getMessage(), e);
        }
    }
}
