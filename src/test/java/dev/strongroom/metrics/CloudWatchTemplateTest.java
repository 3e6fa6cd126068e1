package dev.strongroom.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * deploy/cloudwatch.yaml: cfn-lint clean (as every template in deploy/), its instance policy the
 * same as policies/iam-audit-cloudwatch.json, and its alarms on the metrics the vault really sends.
 */
class CloudWatchTemplateTest {

    private static final Path TEMPLATE = Path.of("deploy", "cloudwatch.yaml");

    @Test
    void everyTemplateInDeployPassesCfnLint() throws Exception {
        List<String> templates;
        try (Stream<Path> files = Files.list(Path.of("deploy"))) {
            templates = files.map(Path::toString).filter(n -> n.endsWith(".yaml") || n.endsWith(".yml")).sorted()
                    .toList();
        }
        assertTrue(templates.contains(TEMPLATE.toString()), templates.toString());
        List<String> command = new ArrayList<>(List.of("cfn-lint", "--"));
        command.addAll(templates);
        Process lint;
        try {
            lint = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("cfn-lint is not installed (pip install cfn-lint); deploy/ templates must pass it",
                    e);
        }
        String out = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(lint.waitFor(5, TimeUnit.MINUTES), "cfn-lint did not finish");
        assertEquals(0, lint.exitValue(), "cfn-lint " + templates + ":\n" + out);
    }

    @Test
    void theInstancePolicyIsTheOneInPolicies() throws IOException {
        JsonNode template = new YAMLMapper().readTree(TEMPLATE.toFile());
        JsonNode inTemplate = withoutSub(template.at("/Resources/InstancePolicy/Properties/PolicyDocument"));
        JsonNode source = new ObjectMapper().readTree(Path.of("policies", "iam-audit-cloudwatch.json").toFile());
        assertEquals(source, inTemplate, "deploy/cloudwatch.yaml InstancePolicy differs from policies/iam-audit-cloudwatch.json");
    }

    @Test
    void alarmsWatchTheMetricsTheVaultSendsAndTheLogGroupIsTheDefault() throws IOException {
        JsonNode template = new YAMLMapper().readTree(TEMPLATE.toFile());
        Set<String> alarmed = new TreeSet<>();
        for (Map.Entry<String, JsonNode> resource : template.path("Resources").properties()) {
            JsonNode properties = resource.getValue().path("Properties");
            if (resource.getValue().path("Type").asText().equals("AWS::CloudWatch::Alarm")) {
                assertTrue(properties.path("AlarmActions").size() > 0, resource.getKey() + " notifies the topic");
                if (properties.path("Namespace").asText().equals("Strongroom")) {
                    String metric = properties.path("MetricName").asText();
                    assertTrue(MetricNames.ALL.contains(metric), resource.getKey() + " watches " + metric
                            + ", which the vault does not send");
                    alarmed.add(metric);
                }
            }
        }
        // Pending documents is context for the backup lag alarm, not an alarm of its own.
        Set<String> expected = new TreeSet<>(MetricNames.ALL);
        expected.remove(MetricNames.DOCUMENTS_PENDING_BACKUP);
        assertEquals(expected, alarmed);
        assertEquals("/strongroom/audit", template.at("/Parameters/LogGroupName/Default").asText());
    }

    /** The template writes ARNs as {@code Fn::Sub} strings; the policy file holds the same strings. */
    private static JsonNode withoutSub(JsonNode node) {
        if (node.isObject()) {
            if (node.size() == 1 && node.has("Fn::Sub") && node.get("Fn::Sub").isTextual()) {
                return node.get("Fn::Sub");
            }
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.properties().forEach(e -> copy.set(e.getKey(), withoutSub(e.getValue())));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(e -> copy.add(withoutSub(e)));
            return copy;
        }
        return node;
    }
}
