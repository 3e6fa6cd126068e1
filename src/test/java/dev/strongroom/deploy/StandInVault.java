package dev.strongroom.deploy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A host's service manager and vault, in miniature: a systemctl stand-in that "starts" whatever
 * release the current symlink names (it records it in {@code running}, and logs each call), and a
 * readiness endpoint on 127.0.0.1 that answers as the vault's {@code /q/health/ready} does: 200
 * {"status":"UP"} when the running release's quarkus-run.jar says {@code ready}, 503 DOWN otherwise.
 */
final class StandInVault implements AutoCloseable {

    static final String READY = "ready";
    static final String NEVER_READY = "never ready";

    private final Path running;
    private final Path calls;
    private final HttpServer server;

    StandInVault(Path dir, Path releaseRoot, Path fakeBin) {
        this.running = dir.resolve("running");
        this.calls = dir.resolve("systemctl.calls");
        HostScript.standIn(fakeBin, "systemctl", "echo \"$*\" >> '" + calls + "'\n"
                + "readlink -f '" + releaseRoot.resolve("current") + "' > '" + running + "'\n");
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/q/health/ready", exchange -> {
            boolean up = READY.equals(runningJar());
            byte[] body = (up ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(up ? 200 : 503, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    String readyUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/q/health/ready";
    }

    /** Every systemctl call, oldest first. */
    List<String> systemctlCalls() {
        try {
            return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String runningJar() {
        try {
            if (!Files.exists(running)) {
                return "";
            }
            Path jar = Path.of(Files.readString(running).strip(), "quarkus-app", "quarkus-run.jar");
            return Files.exists(jar) ? Files.readString(jar).strip() : "";
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
