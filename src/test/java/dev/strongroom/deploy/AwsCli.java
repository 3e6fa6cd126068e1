package dev.strongroom.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strongroom.backup.MotoEmulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The aws CLI against the emulator, as deploy/README.md uses it against AWS. */
final class AwsCli {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AwsCli() {
    }

    /** The environment that points the aws CLI (and the scripts that call it) at the emulator. */
    static Map<String, String> environment(MotoEmulator moto, String region) {
        Map<String, String> env = new HashMap<>(moto.environment());
        env.put("AWS_ENDPOINT_URL", moto.endpoint());
        env.put("AWS_DEFAULT_REGION", region);
        return env;
    }

    static JsonNode run(MotoEmulator moto, String region, List<String> arguments) {
        List<String> command = new ArrayList<>(List.of("aws", "--endpoint-url", moto.endpoint(), "--region", region,
                "--output", "json"));
        command.addAll(arguments);
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(environment(moto, region));
            Process process = builder.redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(3, TimeUnit.MINUTES), "aws " + arguments + " did not finish");
            assertEquals(0, process.exitValue(), "aws " + arguments + ":\n" + out);
            return out.isBlank() ? JSON.createObjectNode() : JSON.readTree(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
