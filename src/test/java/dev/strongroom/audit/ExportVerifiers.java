package dev.strongroom.audit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** The two verifiers an examiner may run on an export: docs/verify-audit-export.sh and {@link VerifyExport}. */
final class ExportVerifiers {

    private static final Path SCRIPT = Path.of("docs", "verify-audit-export.sh");

    private ExportVerifiers() {
    }

    /** Skips the calling test where the script's tools are missing. */
    static void needTheScriptsTools() throws IOException, InterruptedException {
        for (List<String> tool : List.of(List.of("jq", "--version"), List.of("openssl", "version"))) {
            Assumptions.assumeTrue(new ProcessBuilder(tool).start().waitFor() == 0, tool.get(0) + " is not installed");
        }
    }

    static Outcome script(Path export, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString(), export.toString()));
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), "the script did not finish");
        return new Outcome(process.exitValue(), output);
    }

    static Outcome java(Path export, List<String> args) {
        List<String> all = new ArrayList<>(List.of(export.toString()));
        all.addAll(args);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = VerifyExport.run(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        return new Outcome(code, out.toString(StandardCharsets.UTF_8));
    }

    record Outcome(int code, String output) {
    }
}
