package dev.strongroom.keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/** Runs `openssl pkeyutl -verify` exactly as docs/keys.md tells an outsider to. */
final class OpenSsl {

    private OpenSsl() {
    }

    /** What openssl said and its exit status. */
    record Verdict(int exit, String output) {
        boolean verified() {
            return exit == 0 && output.contains("Signature Verified Successfully");
        }
    }

    static Verdict verify(Path work, String publicKeyPem, byte[] message, String signatureBase64) {
        try {
            Path dir = Files.createTempDirectory(Files.createDirectories(work), "openssl");
            Path key = Files.writeString(dir.resolve("key.pem"), publicKeyPem);
            Path in = Files.write(dir.resolve("message.bin"), message);
            Path sig = Files.write(dir.resolve("sig.bin"), Base64.getDecoder().decode(signatureBase64.strip()));
            Process openssl = new ProcessBuilder("openssl", "pkeyutl", "-verify", "-pubin", "-inkey", key.toString(),
                    "-rawin", "-in", in.toString(), "-sigfile", sig.toString()).redirectErrorStream(true).start();
            String output = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!openssl.waitFor(60, TimeUnit.SECONDS)) {
                openssl.destroyForcibly();
                throw new IllegalStateException("openssl did not finish");
            }
            return new Verdict(openssl.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The key id of a PEM as openssl and sha256sum compute it: {@code openssl pkey -pubin -outform DER | sha256sum}. */
    static String keyIdOf(Path work, String publicKeyPem) {
        try {
            Path dir = Files.createTempDirectory(Files.createDirectories(work), "keyid");
            Path key = Files.writeString(dir.resolve("key.pem"), publicKeyPem);
            Process p = new ProcessBuilder("sh", "-c", "openssl pkey -pubin -in \"$1\" -outform DER | sha256sum", "sh",
                    key.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(60, TimeUnit.SECONDS);
            return out.split("\\s+")[0];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
