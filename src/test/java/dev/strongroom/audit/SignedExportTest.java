package dev.strongroom.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An honest export of any filter proves itself complete and unchanged to an examiner with the published key
 * history and no code of ours: it passes docs/verify-audit-export.sh (openssl, jq, sha256sum) and VerifyExport,
 * with and without the signed digests. {@link ExportTamperingTest} changes such exports in every way and sees
 * both verifiers catch it.
 */
@QuarkusTest
class SignedExportTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.strongroom.audit.FilteredExport#kinds")
    void anHonestExportOfEveryFilterPassesBothVerifiers(String kind) throws Exception {
        FilteredExport export = FilteredExport.of(kind, dir);
        String keys = export.keys().toString();
        for (List<String> args : List.of(List.of("--keys", keys),
                List.of("--keys", keys, "--digests", export.digests().toString()), List.<String>of())) {
            ExportVerifiers.Outcome script = ExportVerifiers.script(export.file(), args);
            assertEquals(0, script.code(), kind + " " + args + ": " + script.output());
            ExportVerifiers.Outcome java = ExportVerifiers.java(export.file(), args);
            assertEquals(0, java.code(), kind + " " + args + ": " + java.output());
        }
        assertTrue(ExportVerifiers.script(export.file(), List.of("--keys", keys)).output()
                .contains("manifest and signature checked"));
    }
}
