package dev.strongroom.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the scripts in deploy/ as a host or a release publisher would, with the environment
 * given and a bin directory of stand-ins (systemctl, java) ahead of everything else on PATH.
 */
final class HostScript {

    record Result(int exit, String out, String err) {
        String both() {
            return out + err;
        }
    }

    private final Map<String, String> environment = new LinkedHashMap<>();

    HostScript(Path fakeBin, Map<String, String> environment) {
        this.environment.putAll(environment);
        this.environment.put("PATH", fakeBin + ":" + System.getenv("PATH"));
    }

    Result run(String script, String... arguments) {
        List<String> command = new ArrayList<>(List.of("deploy/" + script));
        command.addAll(List.of(arguments));
        try {
            Path out = Files.createTempFile("script", ".out");
            Path err = Files.createTempFile("script", ".err");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
                builder.environment().putAll(environment);
                Process process = builder.start();
                if (!process.waitFor(5, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new AssertionError(command + " did not finish in 5 minutes");
                }
                return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Writes an executable stand-in for a command into the fake bin directory. */
    static void standIn(Path fakeBin, String name, String script) {
        try {
            Files.createDirectories(fakeBin);
            Path file = fakeBin.resolve(name);
            Files.writeString(file, "#!/bin/bash\n" + script);
            file.toFile().setExecutable(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
