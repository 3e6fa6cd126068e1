package dev.strongroom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The project's ./run, exactly as committed, in a copy of the project's layout whose Maven wrapper
 * and emulator wrapper only record that they ran: it builds only when a main source is newer than
 * the packaged vault, and starts the vault with snapshots switched off.
 */
class RunScriptTest {

    @TempDir
    Path project;

    private final Instant anHourAgo = Instant.now().minusSeconds(3600);

    @BeforeEach
    void layOutAProject() throws IOException {
        Files.copy(Path.of("run"), project.resolve("run"));
        executable(project.resolve("mvnw"), """
                #!/usr/bin/env bash
                echo "mvnw $*" >> calls.log
                mkdir -p target/quarkus-app && echo jar > target/quarkus-app/quarkus-run.jar
                """);
        executable(project.resolve("deploy/local/with-emulator.sh"), """
                #!/usr/bin/env bash
                echo "vault snapshots=$STRONGROOM_SNAPSHOTS_ENABLED $*" >> calls.log
                """);
        for (String source : List.of("src/main/java/dev/A.java", "src/test/java/dev/ATest.java", "pom.xml",
                "policies/retention.yaml", ".mvn/wrapper/maven-wrapper.properties")) {
            Path file = project.resolve(source);
            Files.createDirectories(file.getParent());
            Files.writeString(file, "x");
            Files.setLastModifiedTime(file, FileTime.from(anHourAgo));
        }
    }

    @Test
    void buildsOnlyWhenAMainSourceIsNewerThanThePackagedVault() throws Exception {
        String first = run();
        assertTrue(first.contains("no packaged vault in target/ yet"), first);
        assertEquals(List.of("mvnw -q -B package -DskipTests",
                "vault snapshots=false java -XX:+UseSerialGC -Xms64m -jar target/quarkus-app/quarkus-run.jar"), calls());

        String second = run();
        assertTrue(second.contains("no source changed since target/quarkus-app/quarkus-run.jar was packaged; starting "
                + "it without a build"), second);
        assertEquals(1, calls().stream().filter(c -> c.startsWith("mvnw")).count(), "no second build: " + calls());

        Files.setLastModifiedTime(project.resolve("src/test/java/dev/ATest.java"), FileTime.from(Instant.now()
                .plusSeconds(5)));
        run();
        assertEquals(1, calls().stream().filter(c -> c.startsWith("mvnw")).count(),
                "a test source does not change the vault: " + calls());

        Files.setLastModifiedTime(project.resolve("src/main/java/dev/A.java"), FileTime.from(Instant.now()
                .plusSeconds(5)));
        String changed = run();
        assertTrue(changed.contains("run: building the vault (src/main/java/dev/A.java and maybe more changed"), changed);
        assertEquals(2, calls().stream().filter(c -> c.startsWith("mvnw")).count(), calls().toString());
    }

    private String run() throws IOException, InterruptedException {
        Process process = new ProcessBuilder("bash", "run").directory(project.toFile()).redirectErrorStream(true)
                .start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), out);
        return out;
    }

    private List<String> calls() throws IOException {
        return Files.readAllLines(project.resolve("calls.log"));
    }

    private static void executable(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    }
}
