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
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
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
    private Ed25519PrivateKeyParameters signingKey;
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
            signingKey = (Ed25519PrivateKeyParameters) PrivateKeyFactory.createKey(readPem(privatePem));
            publicKey = factory.generatePublic(new X509EncodedKeySpec(readPem(publicPem)));
            if (!Arrays.equals(signingKey.generatePublicKey().getEncoded(), rawPublicKey(publicKey))) {
                throw new GeneralSecurityException("the public key file does not belong to the private key");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the vault key in " + dir, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the vault key in " + dir + " is unusable", e);
        }
    }

    private void generate(Path privatePem, Path publicPem) throws IOException, GeneralSecurityException {
        Files.createDirectories(dir);
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        writeAtomically(publicPem, pem("PUBLIC KEY", pair.getPublic().getEncoded()), "rw-------");
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

    /**
     * Signs with Bouncy Castle's Ed25519, which is about forty times faster than the JDK's and gives the
     * same bytes (Ed25519 signatures are deterministic), so receipts verify with java.security and
     * openssl as before.
     */
    public byte[] sign(byte[] message) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, signingKey);
        signer.update(message, 0, message.length);
        return signer.generateSignature();
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    public String publicKeyPem() {
        return pem("PUBLIC KEY", publicKey.getEncoded());
    }

    /** The 32-byte key inside an X.509 SubjectPublicKeyInfo, which for Ed25519 is its last 32 bytes. */
    private static byte[] rawPublicKey(PublicKey key) {
        byte[] der = key.getEncoded();
        return Arrays.copyOfRange(der, der.length - Ed25519PublicKeyParameters.KEY_SIZE, der.length);
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
