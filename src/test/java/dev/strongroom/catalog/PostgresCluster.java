package dev.strongroom.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL 15 cluster for tests: Debian's binaries, its own data directory in a
 * temporary folder, a free loopback port and a socket directory of its own, so it never meets a
 * system cluster. PostgreSQL refuses to run as root, so a root test run starts it as an
 * unprivileged user ({@code STRONGROOM_TEST_PG_USER}, default {@code nobody}) through runuser.
 * <p>
 * The server is bounded by the JVM that started it: a watchdog shell stops it when that JVM is gone,
 * even after kill -9, so a test run can never leave a server behind.
 */
public final class PostgresCluster implements AutoCloseable {

    public static final Path BIN = Path.of(System.getenv().getOrDefault("STRONGROOM_TEST_PG_BIN",
            "/usr/lib/postgresql/15/bin"));
    public static final String DATABASE = "strongroom";
    public static final String USER = "strongroom";
    public static final String PASSWORD = "strongroom-test-password";

    private final Path root;
    private final int port;
    private final String runAs;

    private PostgresCluster(Path root, int port, String runAs) {
        this.root = root;
        this.port = port;
        this.runAs = runAs;
    }

    public static boolean installed() {
        return Files.isExecutable(BIN.resolve("initdb")) && Files.isExecutable(BIN.resolve("postgres"));
    }

    /** Initialises and starts a cluster with a {@value #DATABASE} database owned by {@value #USER}. */
    public static PostgresCluster start() {
        try {
            String runAs = "root".equals(System.getProperty("user.name"))
                    ? System.getenv().getOrDefault("STRONGROOM_TEST_PG_USER", "nobody")
                    : null;
            Path root = Files.createTempDirectory(Path.of("/tmp"), "strongroom-pg-");
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx------"));
            if (runAs != null) {
                run(List.of("chown", runAs, root.toString()), Duration.ofSeconds(10));
            }
            PostgresCluster cluster = new PostgresCluster(root, freePort(), runAs);
            cluster.init();
            cluster.launch();
            cluster.createDatabase();
            return cluster;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public String jdbcUrl() {
        return jdbcUrl(DATABASE);
    }

    /** A connection as the cluster's superuser, for tests that arrange or inspect the database. */
    public Connection superuser(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), "postgres", "");
    }

    private void init() throws IOException {
        Path pwfile = root.resolve("pwfile");
        Files.writeString(pwfile, "unused-superuser-password\n", StandardCharsets.UTF_8);
        if (runAs != null) {
            run(List.of("chown", runAs, pwfile.toString()), Duration.ofSeconds(10));
        }
        // trust on loopback: the cluster lives in a 0700 directory and listens only on 127.0.0.1 for
        // this test run; the vault's own user still signs in with a password (scram over TCP).
        run(asUser(List.of(BIN.resolve("initdb").toString(), "-D", data().toString(), "-U", "postgres",
                "--auth-local=trust", "--auth-host=trust", "-E", "UTF8", "--locale=C.UTF-8",
                "--pwfile=" + pwfile)), Duration.ofMinutes(2));
    }

    private void launch() throws IOException {
        long jvm = ProcessHandle.current().pid();
        String postgres = BIN.resolve("postgres") + " -D " + data() + " -p " + port + " -k " + root
                + " -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off"
                + " -c full_page_writes=off -c max_connections=200 -c shared_buffers=64MB";
        // The watchdog: stop the server (fast shutdown) once the JVM that owns it has gone (checked
        // through /proc, since an unprivileged user may not signal a root JVM).
        String script = postgres + " > " + root.resolve("server.log") + " 2>&1 & pg=$!; "
                + "while [ -d /proc/" + jvm + " ] && kill -0 $pg 2>/dev/null; do sleep 1; done; "
                + "kill -INT $pg 2>/dev/null; wait $pg";
        List<String> command = asUser(List.of("setsid", "sh", "-c", script));
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(root.resolve("watchdog.log").toFile())
                .start();
        try {
            Awaitility.await("PostgreSQL accepting connections").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200)).until(this::accepting);
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("PostgreSQL did not start within 60 s: " + log(), e);
        }
    }

    private boolean accepting() {
        try (Connection c = superuser("postgres")) {
            return true;
        } catch (SQLException notYet) {
            return false;
        }
    }

    private void createDatabase() {
        try (Connection c = superuser("postgres"); Statement s = c.createStatement()) {
            s.execute("create user " + USER + " password '" + PASSWORD + "'");
            s.execute("create database " + DATABASE + " owner " + USER);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the test database: " + e.getMessage(), e);
        }
    }

    /** Creates an empty database owned by the vault's user (one per packaged vault or test run). */
    public String createDatabase(String name) {
        try (Connection c = superuser("postgres"); Statement s = c.createStatement()) {
            s.execute("create database " + name + " owner " + USER);
            return jdbcUrl(name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
    }

    private Path data() {
        return root.resolve("data");
    }

    private String log() {
        try {
            return Files.readString(root.resolve("server.log"));
        } catch (IOException e) {
            return "(no server log: " + e.getMessage() + ")";
        }
    }

    private List<String> asUser(List<String> command) {
        if (runAs == null) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", runAs, "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    @Override
    public void close() {
        try {
            run(asUser(List.of(BIN.resolve("pg_ctl").toString(), "-D", data().toString(), "-m", "fast", "-w", "-t",
                    "30", "stop")), Duration.ofSeconds(40));
        } catch (RuntimeException alreadyStopped) {
            // the watchdog or an earlier close stopped it; the data is removed either way
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void run(List<String> command, Duration timeout) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(command.get(0) + " did not finish within " + timeout);
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (" + p.exitValue() + "): "
                        + new String(out, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
