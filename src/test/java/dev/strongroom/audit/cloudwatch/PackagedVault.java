package dev.strongroom.audit.cloudwatch;

import static org.awaitility.Awaitility.await;

import dev.strongroom.backup.VaultProcess;
import dev.strongroom.support.Vault;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The packaged vault (target/quarkus-app) as its own process, started without waiting for it to be
 * ready, so a test can kill it with SIGKILL while it is still shipping what it found at start.
 */
final class PackagedVault {

    private final Process process;
    private final int port;
    private final Path log;

    private PackagedVault(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static PackagedVault start(Path dataDir, Map<String, String> env, String name) {
        int port = freePort();
        Path log = Path.of("target", "vault-" + name + "-" + port + ".log").toAbsolutePath();
        ProcessBuilder builder = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx192m", "-jar", VaultProcess.appJar().toString())).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().putAll(env);
        builder.environment().put("STRONGROOM_DATA_DIR", dataDir.toAbsolutePath().toString());
        builder.environment().put("STRONGROOM_ADMIN_PASSWORD", Vault.ADMIN_PASSWORD);
        builder.environment().put("STRONGROOM_SECURITY_BCRYPT_COST", "4");
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        builder.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
        try {
            return new PackagedVault(builder.start(), port, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    PackagedVault awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try {
            await("the vault is ready").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the vault exited with " + process.exitValue() + ":\n" + logTail());
                }
                try {
                    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString())
                            .statusCode() == 200;
                } catch (IOException e) {
                    return false;
                }
            });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("the vault was not ready within 3 minutes:\n" + logTail(), e);
        }
        return this;
    }

    int port() {
        return port;
    }

    /** SIGKILL: no shutdown hook, no last checkpoint, no shutdown digest. */
    void kill() {
        process.destroyForcibly();
        waitFor(30);
    }

    /** SIGTERM, as systemd stops it, then waits for the clean stop. */
    void stop() {
        process.destroy();
        if (!waitFor(60)) {
            process.destroyForcibly();
            waitFor(10);
        }
    }

    private boolean waitFor(int seconds) {
        try {
            return process.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String logTail() {
        String all = log();
        return all.substring(Math.max(0, all.length() - 4000));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
