package dev.strongroom.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strongroom.catalog.H2PassOnly;
import dev.strongroom.support.Vault;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** docs/verify-audit-export.sh, the check an auditor can run without any of our code. */
@H2PassOnly("the offline verifier reads an export, not the catalog")
@QuarkusTest
class VerifyScriptTest {

    private static final Path SCRIPT = Path.of("docs", "verify-audit-export.sh");

    @TempDir
    Path dir;

    @BeforeAll
    static void needsJq() throws Exception {
        Assumptions.assumeTrue(new ProcessBuilder("jq", "--version").start().waitFor() == 0,
                "jq is not installed (Debian package jq)");
    }

    /** Run by bash, and by /bin/sh, which on Debian is dash: the script keeps to POSIX. */
    @ParameterizedTest
    @ValueSource(strings = { "bash", "sh" })
    void theScriptAcceptsAnIntactExport(String shell) throws Exception {
        String auditor = Vault.user("auditor", "auditor");
        Path export = AuditExports.download(auditor, "ndjson", Map.of(), dir);

        Result result = run(shell, export);

        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().startsWith("OK: "), result.output());
    }

    @Test
    void theScriptNamesTheEventWhoseLineWasChanged() throws Exception {
        String auditor = Vault.user("auditor", "auditor");
        Path export = AuditExports.download(auditor, "ndjson", Map.of(), dir);
        AuditExports.alterOneEvent(export);

        Result result = run("bash", export);

        assertEquals(1, result.exitCode(), result.output());
        assertTrue(result.output().contains("ALTERED seq "), result.output());
    }

    @Test
    void theScriptChecksEachEventOfAFilteredExport() throws Exception {
        String auditor = Vault.user("auditor", "auditor");
        Path export = AuditExports.download(auditor, "ndjson", Map.of("actor", auditor), dir);

        Result result = run("bash", export);

        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("each event's hash checked"), result.output());
    }

    private static Result run(String shell, Path export) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(shell, SCRIPT.toString(), export.toString()).redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), "the script did not finish");
        return new Result(process.exitValue(), output);
    }

    private record Result(int exitCode, String output) {
    }
}
