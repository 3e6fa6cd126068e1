package dev.strongroom.security;

import dev.strongroom.VaultConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.jboss.logging.Logger;

/**
 * The vault's Ed25519 signing key. Generated on first start and kept on the data volume as PKCS#8
 * and X.509 PEM files (private key readable by the owner only), so receipts signed before a restart
 * still verify after it, and with openssl.
 */
@ApplicationScoped
public class VaultKey {

    private static final Logger LOG = Logger.getLogger(VaultKey.class);

    private final Path dir;
    private PrivateKey privateKey;
    private PublicKey publicKey;

    public VaultKey(VaultConfig config) {
        this.dir = config.dataDir().resolve("keys");
    }

    @PostConstruct
    void load() {
        Path privatePem = dir.resolve("vault-ed25519.key.pem");
        Path publicPem = dir.resolve("vault-ed25519.pub.pem");
        try {
            KeyFactory factory = KeyFactory.getInstance("Ed25519");
            if (!Files.exists(privatePem)) {
                generate(privatePem, publicPem);
            }
            privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(readPem(privatePem)));
            publicKey = factory.generatePublic(new X509EncodedKeySpec(readPem(publicPem)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the vault key in " + dir, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the vault key in " + dir + " is unusable", e);
        }
    }

    private void generate(Path privatePem, Path publicPem) throws IOException, GeneralSecurityException {
        Files.createDirectories(dir);
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        writeAtomically(publicPem, pem("PUBLIC KEY", pair.getPublic().getEncoded()), "rw-r--r--");
        writeAtomically(privatePem, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), "rw-------");
        LOG.infof("Generated the vault's Ed25519 signing key in %s", dir);
    }

    private static void writeAtomically(Path target, String content, String permissions) throws IOException {
        Path temp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions)));
        Files.writeString(temp, content, StandardCharsets.US_ASCII);
        try (var channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    }

    public byte[] sign(byte[] message) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(privateKey);
            signature.update(message);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing failed", e);
        }
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    public String publicKeyPem() {
        return pem("PUBLIC KEY", publicKey.getEncoded());
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private static byte[] readPem(Path file) throws IOException {
        String body = Files.readString(file, StandardCharsets.US_ASCII).replaceAll("-----[A-Z ]+-----", "")
                .replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }
}
