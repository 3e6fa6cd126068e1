package dev.strongroom.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The SSM documents are the only way anyone but an administrator acts on a host, so each must be one
 * fixed command whose parameters SSM validates before they reach the host: an allowedPattern anchored
 * at both ends (or a list of allowedValues) that no shell syntax passes, each parameter used only
 * inside single quotes, and every script a document runs shipped in the release or installed by the stack.
 */
class SsmDocumentsTest {

    private static final Pattern PARAMETER_USE = Pattern.compile("\\{\\{\\s*(\\w+)\\s*}}");
    /** What an attacker would put in a parameter to reach a shell. */
    private static final List<String> HOSTILE = List.of("1.2.3; reboot", "1.2.3' ; id ; '", "$(id)", "`id`", "1.2.3 && id",
            "1.2.3|id", "1.2.3\nid", "../../etc/passwd", "vol-0123456789abcdef0 --data-dir /", "true; id", "newest; id",
            "snap-0123456789abcdef0'", "");

    private final CloudFormationTemplate template = CloudFormationTemplate.read("deploy/strongroom.yaml");

    private Map<String, JsonNode> documents() {
        Map<String, JsonNode> documents = new LinkedHashMap<>();
        template.resourceTypes().forEach((id, type) -> {
            if (type.equals("AWS::SSM::Document")) {
                documents.put(id, template.resource(id).at("/Properties/Content"));
            }
        });
        return documents;
    }

    @Test
    void everyParameterIsValidatedSoNoShellSyntaxReachesAHost() {
        assertEquals(List.of("MetadataHandoverDocument", "InstallReleaseDocument", "RollbackReleaseDocument",
                "HostStatusDocument", "UpdateHostFilesDocument", "MountRestoredVolumeDocument", "RestoreFromS3Document"),
                new ArrayList<>(documents().keySet()));
        documents().forEach((id, content) -> content.path("parameters").properties().forEach(parameter -> {
            JsonNode definition = parameter.getValue();
            String name = id + "." + parameter.getKey();
            if (definition.has("allowedValues")) {
                definition.path("allowedValues").forEach(value -> assertTrue(value.asText().matches("[a-z]+"), name));
                return;
            }
            String pattern = definition.path("allowedPattern").asText();
            assertTrue(pattern.startsWith("^") && pattern.endsWith("$"), name + " anchors its pattern: " + pattern);
            for (String hostile : HOSTILE) {
                assertFalse(Pattern.compile(pattern).matcher(hostile).find(), name + " lets through " + hostile);
            }
        }));
    }

    @Test
    void theValuesOpsUseAreAccepted() {
        Map<String, String> examples = Map.of("InstallReleaseDocument.version", "1.4.0-rc.2",
                "MountRestoredVolumeDocument.volumeId", "vol-0123456789abcdef0",
                "MountRestoredVolumeDocument.snapshotId", "snap-0123456789abcdef0",
                "RestoreFromS3Document.run", "20261203T101500Z-7f3a",
                "MetadataHandoverDocument.commands", "touch /srv/strongroom/metadata-handover/"
                        + "0f".repeat(32));
        examples.forEach((parameter, value) -> {
            String[] at = parameter.split("\\.");
            String pattern = documents().get(at[0]).at("/parameters/" + at[1] + "/allowedPattern").asText();
            assertTrue(value.matches(pattern.substring(1, pattern.length() - 1)), parameter + " accepts " + value);
        });
    }

    @Test
    void parametersAreUsedOnlyInsideSingleQuotesAndEveryScriptRunIsOneOfTheStacksOrTheReleases() {
        documents().forEach((id, content) -> {
            if (id.equals("MetadataHandoverDocument")) {
                // The hand-over's one parameter is the whole command, validated to a touch of one SHA-256 name.
                assertEquals("{{ commands }}", content.at("/mainSteps/0/inputs/runCommand").asText());
                return;
            }
            for (JsonNode step : content.path("mainSteps")) {
                assertEquals("aws:runShellScript", step.path("action").asText());
                for (JsonNode command : step.at("/inputs/runCommand")) {
                    String line = command.isTextual() ? command.asText() : command.path("Fn::Sub").asText();
                    Matcher m = PARAMETER_USE.matcher(line);
                    while (m.find()) {
                        assertTrue(content.at("/parameters/" + m.group(1)).isObject(), id + " uses " + m.group());
                        assertTrue(line.charAt(m.start() - 1) == '\'' && line.charAt(m.end()) == '\'',
                                id + " quotes " + m.group() + ": " + line);
                    }
                    for (String script : List.of("/usr/local/sbin/strongroom-release",
                            "/opt/strongroom/current/deploy/mount-restored-volume.sh",
                            "/opt/strongroom/current/deploy/restore-from-s3.sh")) {
                        if (line.contains(script)) {
                            String source = script.startsWith("/usr/local/sbin/") ? "deploy/strongroom-release.sh"
                                    : script.replace("/opt/strongroom/current/", "");
                            assertTrue(Files.isExecutable(Path.of(source)), id + " runs " + script + ", from " + source);
                        }
                    }
                }
            }
        });
    }
}
