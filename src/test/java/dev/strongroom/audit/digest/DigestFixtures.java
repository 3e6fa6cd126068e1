package dev.strongroom.audit.digest;

import dev.strongroom.backup.MotoEmulator;
import dev.strongroom.backup.MotoTestResource;
import dev.strongroom.storage.HostKeys;
import dev.strongroom.support.Vault;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** What an auditor does by hand: fetch the digests and the public key, take an export, run the verifier. */
public final class DigestFixtures {

    private DigestFixtures() {
    }

    public static Path workDir() {
        Path dir = Path.of("target", "digests-" + UUID.randomUUID()).toAbsolutePath();
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Like {@code aws s3 cp --recursive s3://bucket/hosts/<host-id>/digests/ DIR} for every host, and the
     * folder of releases before hosts ({@code audit-digests/}); the test vault has one host.
     */
    public static Path downloadDigests(Path dir) {
        Path target = dir.resolve("digests");
        try (S3Client s3 = MotoTestResource.emulator().client(MotoEmulator.REGION)) {
            for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(MotoEmulator.BUCKET)).contents()) {
                boolean hostDigest = object.key().startsWith(HostKeys.HOSTS) && object.key().contains("/digests/");
                if (!hostDigest && !object.key().startsWith(DigestKeys.LEGACY_PREFIX)) {
                    continue;
                }
                Path file = target.resolve(DigestKeys.copyName(object.key()));
                Files.createDirectories(file.getParent());
                Files.write(file, s3.getObjectAsBytes(b -> b.bucket(MotoEmulator.BUCKET).key(object.key())).asByteArray());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    public static Path publicKey(Path dir, String user) {
        String pem = Vault.as(user).get("/api/keys/receipt").then().statusCode(200).extract().asString();
        return write(dir.resolve("vault.pub.pem"), pem);
    }

    public static Path export(Path dir, String auditor, String path, String name) {
        byte[] body = Vault.as(auditor).get(path).then().statusCode(200).extract().asByteArray();
        try {
            return Files.write(dir.resolve(name), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path write(Path file, String text) {
        try {
            return Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<String> lines(Path file) {
        try {
            return new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path writeLines(Path file, List<String> lines) {
        return write(file, String.join("\n", lines) + "\n");
    }

    /** Runs the offline verifier as its own process, as an auditor would; returns exit code and output. */
    public static String[] verifyOffline(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.strongroom.audit.VerifyExport"));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the verifier did not finish: " + out);
            }
            return new String[] { Integer.toString(process.exitValue()), out };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
