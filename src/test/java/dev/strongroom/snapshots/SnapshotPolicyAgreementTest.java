package dev.strongroom.snapshots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * policies/ is the single source of the DLM policy and the instance's snapshot permissions; the
 * CloudFormation template must deploy exactly those documents, with the optional hourly schedule
 * on or off.
 */
class SnapshotPolicyAgreementTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode source = read(JSON, "policies/dlm-policy.json");
    private final JsonNode template = read(new YAMLMapper(), "deploy/snapshots.yaml");

    @Test
    void templateDeploysThePolicyDocumentWithoutTheHourlySchedule() {
        JsonNode deployed = resolve(properties("LifecyclePolicy"), Map.of("HourlySnapshots", "false"));
        assertEquals(source.get("PolicyDetails"), deployed.get("PolicyDetails"));
        assertEquals(source.get("State").asText(), deployed.get("State").asText());
        assertEquals(source.get("Description").asText(), deployed.get("Description").asText());
    }

    @Test
    void templateDeploysThePolicyDocumentWithTheHourlyScheduleWhenAskedFor() {
        JsonNode deployed = resolve(properties("LifecyclePolicy"), Map.of("HourlySnapshots", "true"));
        ObjectNode expected = source.get("PolicyDetails").deepCopy();
        ((ArrayNode) expected.get("Schedules")).add(source.get("OptionalSchedules").get("hourly"));
        assertEquals(expected, deployed.get("PolicyDetails"));
    }

    @Test
    void policyDocumentSaysWhatTheIssueAsksFor() {
        JsonNode details = source.get("PolicyDetails");
        assertEquals("Backup", details.at("/TargetTags/0/Key").asText());
        assertEquals("true", details.at("/TargetTags/0/Value").asText());
        JsonNode daily = details.at("/Schedules/0");
        assertEquals("daily", daily.get("Name").asText());
        assertEquals(24, daily.at("/CreateRule/Interval").asInt());
        assertEquals(14, daily.at("/RetainRule/Count").asInt());
        JsonNode weekly = details.at("/Schedules/1");
        assertEquals("weekly", weekly.get("Name").asText());
        assertEquals(8, weekly.at("/RetainRule/Count").asInt());
        for (JsonNode schedule : details.get("Schedules")) {
            assertTrue(schedule.get("CopyTags").asBoolean(), schedule.toString());
            JsonNode copy = schedule.at("/CrossRegionCopyRules/0");
            assertEquals("${ReplicaRegion}", copy.get("TargetRegion").asText());
            assertTrue(copy.get("Encrypted").asBoolean());
            assertTrue(copy.at("/RetainRule/Interval").asInt() > 0, "the copies have their own retention");
        }
        assertEquals(1, source.at("/OptionalSchedules/hourly/CreateRule/Interval").asInt());
        ExpectedPolicy expected = ExpectedPolicy.of(source);
        assertEquals(2, expected.schedules().size(), "hourly is optional, so not required of a deployed policy");
    }

    @Test
    void templateGrantsTheInstanceExactlyTheSnapshotPermissionsDocument() {
        JsonNode deployed = resolve(properties("InstanceSnapshotPolicy"), Map.of());
        assertEquals(read(JSON, "policies/iam-snapshots.json"), deployed.get("PolicyDocument"));
    }

    private JsonNode properties(String resource) {
        return template.at("/Resources/" + resource + "/Properties");
    }

    /**
     * Evaluates the few intrinsic functions the template uses; Ref to a parameter becomes ${Name}, and an
     * Fn::Sub string stays as written, placeholders and all, as in the policy documents.
     */
    private JsonNode resolve(JsonNode node, Map<String, String> parameters) {
        if (node.isObject()) {
            if (node.has("Ref")) {
                return new TextNode("${" + node.get("Ref").asText() + "}");
            }
            if (node.has("Fn::Sub") && node.get("Fn::Sub").isTextual()) {
                return node.get("Fn::Sub");
            }
            if (node.has("Fn::If")) {
                String condition = node.get("Fn::If").get(0).asText();
                boolean on = conditionHolds(condition, parameters);
                return resolve(node.get("Fn::If").get(on ? 1 : 2), parameters);
            }
            ObjectNode out = JSON.createObjectNode();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                JsonNode value = resolve(f.getValue(), parameters);
                if (!isNoValue(value)) {
                    out.set(f.getKey(), value);
                }
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JSON.createArrayNode();
            for (JsonNode item : node) {
                JsonNode value = resolve(item, parameters);
                if (!isNoValue(value)) {
                    out.add(value);
                }
            }
            return out;
        }
        return node;
    }

    private boolean conditionHolds(String name, Map<String, String> parameters) {
        JsonNode equals = template.at("/Conditions/" + name + "/Fn::Equals");
        String parameter = equals.get(0).get("Ref").asText();
        return parameters.getOrDefault(parameter, template.at("/Parameters/" + parameter + "/Default").asText())
                .equals(equals.get(1).asText());
    }

    private static boolean isNoValue(JsonNode value) {
        return value.isTextual() && value.asText().equals("${AWS::NoValue}");
    }

    private static JsonNode read(ObjectMapper mapper, String file) {
        try {
            return mapper.readTree(Path.of(file).toFile());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
