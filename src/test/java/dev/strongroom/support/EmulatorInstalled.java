package dev.strongroom.support;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Tests against the local AWS emulator need {@code moto_server} (Python's moto with its server extra)
 * and the {@code aws} CLI on the PATH, as deploy/local/start-emulator.sh and provision.sh do.
 */
public final class EmulatorInstalled {

    private static final List<String> TOOLS = List.of("moto_server", "aws");

    private EmulatorInstalled() {
    }

    /** True when every tool the emulator scripts run is on the PATH. */
    public static boolean present() {
        return missing().isEmpty();
    }

    /**
     * Skips the calling test with a loud reason when the emulator's tools are missing; on CI
     * ({@code CI=true}) that is a failure instead, so a broken setup cannot pass unseen.
     */
    public static void require() {
        List<String> missing = missing();
        if (missing.isEmpty()) {
            return;
        }
        MissingTool.skipOrFail("EMULATOR TESTS", "tests against the AWS emulator need " + String.join(" and ",
                missing) + " on the PATH (pip install \"moto[server]\" awscli; README, \"What the tests need\")");
    }

    private static List<String> missing() {
        String path = System.getenv().getOrDefault("PATH", "");
        List<Path> dirs = Arrays.stream(path.split(File.pathSeparator)).filter(d -> !d.isBlank()).map(Path::of).toList();
        return TOOLS.stream().filter(tool -> dirs.stream().noneMatch(d -> Files.isExecutable(d.resolve(tool)))).toList();
    }
}
