package dev.strongroom.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/strongroom.service: systemd itself accepts it ({@code systemd-analyze verify}, which needs no
 * running systemd) and rates its exposure low ({@code systemd-analyze security --offline}); and, with
 * or without systemd-analyze, it carries the hardening the issue asks for.
 */
class SystemdUnitTest {

    private static final Path UNIT = Path.of("deploy/strongroom.service");
    /** systemd-analyze security's scale is 0-100 here (its 0.0-10.0 exposure times ten); 20 = "OK". */
    private static final int MAX_EXPOSURE = 20;

    @TempDir
    Path dir;

    @Test
    void theUnitRunsAsItsOwnUserWithTheHardeningTheIssueAsksFor() throws IOException {
        Map<String, List<String>> service = directives("Service");
        assertEquals(List.of("strongroom"), service.get("User"));
        assertEquals(List.of("strongroom"), service.get("Group"));
        assertEquals(List.of("/etc/strongroom/strongroom.env"), service.get("EnvironmentFile"));
        assertEquals(List.of("strict"), service.get("ProtectSystem"));
        assertEquals(List.of("/srv/strongroom"), service.get("ReadWritePaths"), "only the data volume is writable");
        for (String on : List.of("NoNewPrivileges", "PrivateTmp", "ProtectHome", "PrivateDevices", "RestrictSUIDSGID",
                "ProtectKernelTunables", "ProtectKernelModules", "ProtectControlGroups", "LockPersonality")) {
            assertEquals(List.of("yes"), service.get(on), on);
        }
        assertEquals(List.of("0077"), service.get("UMask"));
        assertEquals(List.of(""), service.get("CapabilityBoundingSet"), "no capabilities at all");
        assertEquals(List.of("AF_INET AF_INET6 AF_UNIX AF_NETLINK"), service.get("RestrictAddressFamilies"));
        assertEquals(List.of("on-failure"), service.get("Restart"));
        assertFalse(service.containsKey("MemoryDenyWriteExecute"), "the JVM's JIT writes executable memory");
        assertEquals(List.of("/usr/local/libexec/strongroom-start"), service.get("ExecStart"),
                "the start script reads the secrets into the environment and runs the current release");
        Map<String, List<String>> unit = directives("Unit");
        assertEquals(List.of("/srv/strongroom"), unit.get("RequiresMountsFor"));
        assertEquals(List.of("/srv/strongroom"), unit.get("ConditionPathIsMountPoint"),
                "never starts on the root disk when the data volume is missing");
        assertEquals(List.of("multi-user.target"), directives("Install").get("WantedBy"));
    }

    @Test
    void systemdAnalyzeVerifyAcceptsTheUnitWithoutAWarning() throws Exception {
        Result verify = systemdAnalyze("verify", copy(Files.readString(UNIT)));
        assertEquals(0, verify.exit(), verify.output());
        assertEquals("", verify.output().strip(), "systemd-analyze verify warned");
    }

    @Test
    void systemdAnalyzeVerifyReportsAMistakeInACopy() throws Exception {
        String broken = Files.readString(UNIT).replace("ProtectSystem=strict", "ProtectSystem=strictest");
        Result verify = systemdAnalyze("verify", copy(broken));
        assertTrue(verify.output().contains("strictest"), verify.output());
    }

    @Test
    void theUnitsExposureIsRatedLowAndAnUnhardenedCopyIsNot() throws Exception {
        Result hardened = systemdAnalyze("security", copy(Files.readString(UNIT)));
        assertEquals(0, hardened.exit(), hardened.output());

        StringBuilder plain = new StringBuilder();
        boolean service = false;
        for (String line : Files.readAllLines(UNIT)) {
            service = line.startsWith("[") ? line.equals("[Service]") : service;
            if (!service || line.startsWith("[") || line.startsWith("User=") || line.startsWith("Group=")
                    || line.startsWith("ExecStart=") || line.startsWith("EnvironmentFile=")) {
                plain.append(line).append('\n');
            }
        }
        Result unhardened = systemdAnalyze("security", copy(plain.toString()));
        assertNotEquals(0, unhardened.exit(), "the check rates an unhardened unit as exposed: " + unhardened.output());
    }

    private record Result(int exit, String output) {
    }

    /** The unit under its own name in a temporary directory; ExecStart's program must exist for verify. */
    private Path copy(String text) throws IOException {
        String start = "/usr/local/libexec/strongroom-start";
        if (!Files.isExecutable(Path.of(start))) {
            // The host installs deploy/strongroom-start.sh there; a test machine has it in the checkout.
            text = text.replace(start, Path.of("deploy/strongroom-start.sh").toAbsolutePath().toString());
        }
        Path file = dir.resolve("strongroom.service");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private static Result systemdAnalyze(String verb, Path unit) throws Exception {
        requireSystemdAnalyze();
        List<String> command = new ArrayList<>(List.of("systemd-analyze", verb));
        if (verb.equals("security")) {
            command.addAll(List.of("--offline=true", "--threshold=" + MAX_EXPOSURE, "--no-pager"));
        }
        command.add(unit.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "systemd-analyze did not finish");
        return new Result(process.exitValue(), out);
    }

    private static void requireSystemdAnalyze() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, "systemd-analyze"))) {
                return;
            }
        }
        String reason = "systemd-analyze is missing (apt-get install -y systemd); the directive check still ran";
        if ("true".equals(System.getenv("CI"))) {
            fail("CI=true and " + reason);
        }
        System.err.println("SKIPPING systemd-analyze checks of deploy/strongroom.service: " + reason);
        Assumptions.abort(reason);
    }

    /** Directives of one section; a key may repeat (SystemCallFilter), so each maps to all its values. */
    private static Map<String, List<String>> directives(String section) throws IOException {
        Map<String, List<String>> found = new LinkedHashMap<>();
        String current = null;
        for (String line : Files.readAllLines(UNIT)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            if (trimmed.startsWith("[")) {
                current = trimmed.substring(1, trimmed.length() - 1);
                continue;
            }
            if (section.equals(current)) {
                int eq = trimmed.indexOf('=');
                found.computeIfAbsent(trimmed.substring(0, eq), k -> new ArrayList<>()).add(trimmed.substring(eq + 1));
            }
        }
        return found;
    }
}
