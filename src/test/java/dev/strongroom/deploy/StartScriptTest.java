package dev.strongroom.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.strongroom.backup.MotoEmulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/strongroom-start.sh, the unit's ExecStart, run for real against the emulator's Secrets
 * Manager: the vault's JVM (a stand-in that records what it was given) gets the catalog's user name
 * and password and the session key in its environment, and nothing writes them to disk.
 */
class StartScriptTest {

    private static final String PASSWORD = "pw-Zq8!xN3#kV7&tR2";
    private static final String SESSION_KEY = "k3yK3yk3yK3yk3yK3yk3yK3yk3yK3yk3yK3yk3yK3yk3yK3y";

    private static MotoEmulator moto;
    private static String databaseSecret;
    private static String sessionSecret;

    @TempDir
    Path host;

    @BeforeAll
    static void secrets() {
        moto = MotoEmulator.startEmpty();
        databaseSecret = AwsCli.run(moto, MotoEmulator.REGION, List.of("secretsmanager", "create-secret", "--name",
                "strongroom-database", "--secret-string", "{\"username\":\"strongroom\",\"password\":\"" + PASSWORD + "\"}"))
                .path("ARN").asText();
        sessionSecret = AwsCli.run(moto, MotoEmulator.REGION, List.of("secretsmanager", "create-secret", "--name",
                "strongroom-session-key", "--secret-string", SESSION_KEY)).path("ARN").asText();
    }

    @AfterAll
    static void stopEmulator() {
        if (moto != null) {
            moto.close();
        }
    }

    @Test
    void theVaultStartsWithTheSecretsInItsEnvironmentAndNowhereElse() throws IOException {
        HostScript.Result started = start(databaseSecret);

        assertEquals(0, started.exit(), started.both());
        assertEquals(List.of("-XX:+ExitOnOutOfMemoryError", "-XX:MaxRAMPercentage=60", "-jar",
                host.resolve("opt/current/quarkus-app/quarkus-run.jar").toString()),
                Files.readAllLines(host.resolve("java.args")), "the current release's jar");
        Map<String, String> env = Files.readAllLines(host.resolve("java.env")).stream().filter(l -> l.contains("="))
                .collect(Collectors.toMap(l -> l.substring(0, l.indexOf('=')), l -> l.substring(l.indexOf('=') + 1),
                        (a, b) -> b));
        assertEquals("strongroom", env.get("QUARKUS_DATASOURCE_USERNAME"));
        assertEquals(PASSWORD, env.get("QUARKUS_DATASOURCE_PASSWORD"));
        assertEquals(SESSION_KEY, env.get("QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY"));
        assertEquals("jdbc:postgresql://catalog.example:5432/strongroom?sslmode=verify-full",
                env.get("QUARKUS_DATASOURCE_JDBC_URL"), "the environment file's settings reach the vault");
        assertEquals("b", env.get("STRONGROOM_VAULT_HOST_ID"));
        assertFalse(env.containsKey("STRONGROOM_DATABASE_SECRET_ARN"), "the vault gets the password, not where it lies");

        try (Stream<Path> files = Files.walk(host)) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().equals("java.env"))
                    .toList()) {
                assertFalse(Files.readString(file).contains(PASSWORD), file + " holds the password");
            }
        }
        assertFalse(started.both().contains(PASSWORD), "nor does the journal");
    }

    @Test
    void withoutItsSecretTheVaultDoesNotStart() {
        HostScript.Result refused = start(databaseSecret.replace("strongroom-database", "no-such-secret"));

        assertNotEquals(0, refused.exit(), refused.both());
        assertFalse(Files.exists(host.resolve("java.args")), "the JVM never ran");
    }

    private HostScript.Result start(String secretArn) {
        Path bin = host.resolve("bin");
        HostScript.standIn(bin, "java", "printf '%s\\n' \"$@\" > '" + host.resolve("java.args") + "'\n"
                + "env > '" + host.resolve("java.env") + "'\n");
        Map<String, String> env = new HashMap<>(AwsCli.environment(moto, MotoEmulator.REGION));
        // What systemd reads from /etc/strongroom/strongroom.env.
        env.put("STRONGROOM_AWS_REGION", MotoEmulator.REGION);
        env.put("STRONGROOM_DATABASE_SECRET_ARN", secretArn);
        env.put("STRONGROOM_SESSION_KEY_SECRET_ARN", sessionSecret);
        env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://catalog.example:5432/strongroom?sslmode=verify-full");
        env.put("STRONGROOM_VAULT_HOST_ID", "b");
        env.put("STRONGROOM_RELEASE_ROOT", host.resolve("opt").toString());
        return new HostScript(bin, env).run("strongroom-start.sh");
    }
}
