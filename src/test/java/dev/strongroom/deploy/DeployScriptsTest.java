package dev.strongroom.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Every shell script in deploy/ passes ShellCheck at warning level (quoting, unset variables, word
 * splitting: the mistakes that turn a parameter into a command), and the scripts the hosts run are
 * executable as shipped.
 */
class DeployScriptsTest {

    @Test
    void everyScriptInDeployPassesShellCheck() throws Exception {
        List<String> scripts = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("deploy"))) {
            files.filter(p -> p.toString().endsWith(".sh")).sorted().forEach(p -> scripts.add(p.toString()));
        }
        assertTrue(scripts.contains("deploy/strongroom-release.sh") && scripts.size() >= 8, scripts.toString());
        List<String> command = new ArrayList<>(List.of("shellcheck", "--severity=warning", "--format=gcc"));
        command.addAll(scripts);
        Process shellcheck;
        try {
            shellcheck = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            String reason = "shellcheck is missing (apt-get install -y shellcheck)";
            if ("true".equals(System.getenv("CI"))) {
                fail("CI=true and " + reason);
            }
            Assumptions.abort(reason);
            return;
        }
        String out = new String(shellcheck.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(shellcheck.waitFor(2, TimeUnit.MINUTES), "shellcheck did not finish");
        assertEquals(0, shellcheck.exitValue(), out);
    }

    @Test
    void theHostScriptsAreExecutable() {
        for (String script : List.of("strongroom-release.sh", "strongroom-start.sh", "strongroom-bootstrap.sh",
                "publish-release.sh", "mount-restored-volume.sh", "restore-from-s3.sh")) {
            assertTrue(Files.isExecutable(Path.of("deploy", script)), script);
        }
    }
}
