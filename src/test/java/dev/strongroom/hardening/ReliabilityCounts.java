package dev.strongroom.hardening;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * The measured counts behind docs/reliability.md: each suite records its own section of
 * target/reliability-counts.json, so the doc quotes what the last run actually did.
 */
final class ReliabilityCounts {

    static final Path FILE = Path.of("target", "reliability-counts.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReliabilityCounts() {
    }

    static synchronized void record(String section, Map<String, ?> counts) {
        try {
            ObjectNode root = Files.isRegularFile(FILE) ? (ObjectNode) JSON.readTree(FILE.toFile())
                    : JSON.createObjectNode();
            ObjectNode node = JSON.valueToTree(counts);
            node.put("measuredAt", Instant.now().toString());
            root.set(section, node);
            Files.createDirectories(FILE.getParent());
            JSON.writerWithDefaultPrettyPrinter().writeValue(FILE.toFile(), root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
