package dev.strongroom.process;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * The packaged vault ({@code target/quarkus-app/quarkus-run.jar}) running as its own OS process on a
 * free loopback port, so a test can SIGKILL it as the OOM killer or an operator's kill -9 would, which
 * an in-JVM {@code @QuarkusTest} cannot. (Written data still reaches the disk from the OS page cache, so
 * this proves crash consistency of the process, not of fsync.) Output goes to a log file;
 * {@link #close()} always kills the process.
 */
final class VaultProcess implements AutoCloseable {

    static final String ADMIN_PASSWORD = "admin-password-for-process-tests";
    private static final Duration READY_WITHIN = Duration.ofMinutes(3);
    private static final Duration EXIT_WITHIN = Duration.ofSeconds(30);
    private static final int TAIL_LINES = 80;
    /** Logs of the processes the current test started, for {@link LogTailOnFailure}. */
    private static final List<Path> LOGS = new CopyOnWriteArrayList<>();

    private final Process process;
    private final Path log;
    private final URI baseUri;
    private final Thread killOnJvmExit;

    private VaultProcess(Process process, Path log, URI baseUri) {
        this.process = process;
        this.log = log;
        this.baseUri = baseUri;
        // A test JVM that dies or times out must not leave a vault holding the data directory.
        this.killOnJvmExit = new Thread(process::destroyForcibly, "kill-vault-" + process.pid());
        Runtime.getRuntime().addShutdownHook(killOnJvmExit);
    }

    /**
     * Starts the vault on {@code dataDir} and returns once {@code /q/health/ready} says UP.
     *
     * @param jvmOptions options placed before {@code -jar}, such as {@code -Xmx256m}
     * @param env extra environment, on top of data dir, port, admin password and a cheap bcrypt cost
     */
    static VaultProcess start(Path dataDir, Path log, List<String> jvmOptions, Map<String, String> env) {
        return start(List.of(), dataDir, log, jvmOptions, env);
    }

    /**
     * As {@link #start(Path, Path, List, Map)}, from a shell that first sets the file-creation mask to
     * {@code umask} (octal, such as {@code 000}), as a shell would before {@code java -jar}.
     */
    static VaultProcess startUnderUmask(String umask, Path dataDir, Path log) {
        return start(List.of("sh", "-c", "umask " + umask + " && exec \"$@\"", "sh"), dataDir, log, List.of(),
                Map.of());
    }

    /**
     * As {@link #start(Path, Path, List, Map)}, with {@code launcher} (such as {@code strace -f -o FILE})
     * in front of the java command; the vault is then that launcher's child.
     */
    static VaultProcess start(List<String> launcher, Path dataDir, Path log, List<String> jvmOptions,
            Map<String, String> env) {
        Path jar = Path.of(System.getProperty("strongroom.app.jar", "target/quarkus-app/quarkus-run.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No packaged app at " + jar.toAbsolutePath() + "; run ./mvnw package first");
        }
        int port = freeLoopbackPort();
        List<String> command = new ArrayList<>(launcher);
        command.add(javaExecutable());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        ProcessBuilder builder = new ProcessBuilder(command);
        // Settings of whoever runs the build must not leak into the vault under test.
        builder.environment().keySet().removeIf(k -> k.startsWith("STRONGROOM_") || k.startsWith("QUARKUS_"));
        builder.environment().putAll(Map.of(
                "STRONGROOM_DATA_DIR", dataDir.toAbsolutePath().toString(),
                "QUARKUS_HTTP_HOST", "127.0.0.1",
                "QUARKUS_HTTP_PORT", Integer.toString(port),
                "STRONGROOM_ADMIN_PASSWORD", ADMIN_PASSWORD,
                "STRONGROOM_SECURITY_BCRYPT_COST", "4"));
        builder.environment().putAll(env);
        try {
            Files.createDirectories(dataDir);
            Files.createDirectories(log.getParent());
            Files.writeString(log, "=== " + Instant.now() + " " + String.join(" ", command) + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            builder.directory(dataDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            LOGS.add(log);
            VaultProcess vault = new VaultProcess(builder.start(), log, URI.create("http://127.0.0.1:" + port));
            try {
                vault.awaitReady();
            } catch (RuntimeException e) {
                vault.close();
                throw e;
            }
            return vault;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    private void awaitReady() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(baseUri.resolve("/q/health/ready")).timeout(Duration.ofSeconds(5))
                .build();
        try {
            await("the vault is ready").atMost(READY_WITHIN).pollInterval(Duration.ofMillis(200)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("The vault exited with status " + process.exitValue()
                            + " before it was ready; log " + log + ":\n" + tail(log));
                }
                try {
                    return client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                } catch (IOException e) {
                    return false;
                }
            });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("The vault was not ready within " + READY_WITHIN + "; log " + log + ":\n"
                    + tail(log), e);
        }
    }

    URI uri(String pathAndQuery) {
        return baseUri.resolve(pathAndQuery);
    }

    /** SIGTERM, as systemd stops the vault; waits for the clean stop (and for a launcher to see it). */
    void stop() {
        List<ProcessHandle> children = process.descendants().toList();
        if (children.isEmpty()) {
            process.destroy();
        } else {
            children.forEach(ProcessHandle::destroy);
        }
        try {
            if (!process.waitFor(EXIT_WITHIN.toSeconds() * 2, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the vault to stop", e);
        }
    }

    /**
     * SIGKILL: no shutdown hooks, no flushing, nothing the vault can do about it. Waits for the exit.
     * Under a launcher the vault is killed first, since a killed tracer would leave it running.
     */
    void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            if (!process.waitFor(EXIT_WITHIN.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("The vault (pid " + process.pid() + ") did not die within "
                        + EXIT_WITHIN);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the vault to die", e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killOnJvmExit);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down, and the hook will run
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }

    /** The java running this test, so the vault runs on the JDK the build chose. */
    private static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** Prints the end of every vault log of the failed test, where the server-side cause usually is. */
    static final class LogTailOnFailure implements BeforeEachCallback, TestWatcher {
        @Override
        public void beforeEach(ExtensionContext context) {
            LOGS.clear();
        }

        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            for (Path log : LOGS) {
                System.err.println("----- last " + TAIL_LINES + " lines of " + log + " -----\n" + tail(log));
            }
        }
    }
}
