package dev.strongroom.backup;

import static org.awaitility.Awaitility.await;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The packaged vault (target/quarkus-app) as a real process on a free loopback port, for tests that
 * must stop a vault and start another on the same data directory. Its output goes to a log file.
 */
public final class VaultProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private VaultProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    public static Path appJar() {
        String jar = System.getProperty("strongroom.app.jar", "target/quarkus-app/quarkus-run.jar");
        return Path.of(jar).toAbsolutePath();
    }

    /** Runs {@code command} (null: java -jar on the packaged app) with the vault's settings in {@code env}. */
    public static VaultProcess start(Path dataDir, Map<String, String> env, List<String> command, String name) {
        int port = freePort();
        Path log = Path.of("target", "vault-" + name + "-" + port + ".log").toAbsolutePath();
        List<String> cmd = new ArrayList<>();
        if (command == null) {
            cmd.addAll(List.of(javaBinary(), "-Xmx192m", "-jar", appJar().toString()));
        } else {
            cmd.addAll(command);
        }
        ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().putAll(env);
        builder.environment().put("STRONGROOM_DATA_DIR", dataDir.toAbsolutePath().toString());
        builder.environment().put("STRONGROOM_ADMIN_PASSWORD", Vault.ADMIN_PASSWORD);
        builder.environment().put("STRONGROOM_SECURITY_BCRYPT_COST", "4");
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        builder.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
        try {
            VaultProcess vault = new VaultProcess(builder.start(), port, log);
            try {
                vault.awaitReady(Duration.ofMinutes(3));
            } catch (RuntimeException e) {
                // A vault that never got ready must not outlive the test, holding its port and data.
                vault.close();
                throw e;
            }
            return vault;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try {
            await("the vault is ready").atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the vault exited with " + process.exitValue() + ":\n" + logTail());
                }
                try {
                    return http.send(HttpRequest.newBuilder(URI.create(baseUri() + "/q/health/ready"))
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString())
                            .statusCode() == 200;
                } catch (IOException e) {
                    return false;
                }
            });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("the vault was not ready within " + timeout + ":\n" + logTail(), e);
        }
    }

    public int port() {
        return port;
    }

    public String baseUri() {
        return "http://127.0.0.1:" + port;
    }

    public String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String logTail() {
        String all = log();
        return all.substring(Math.max(0, all.length() - 4000));
    }

    public long pid() {
        return process.pid();
    }

    /**
     * SIGTERM, as systemd sends it; returns how long the vault took to exit. One still running after
     * {@code atMost} is killed and the test fails.
     */
    public Duration terminate(Duration atMost) {
        long started = System.nanoTime();
        process.destroy();
        try {
            if (!process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("the vault did not exit within " + atMost + " of SIGTERM:\n" + logTail());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** SIGKILL, as kill -9 or the OOM killer would: no shutdown hook runs. */
    public void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new AssertionError("the vault outlived SIGKILL for 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGTERM, as systemd would, then waits for a clean stop. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
