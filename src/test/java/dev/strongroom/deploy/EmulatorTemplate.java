package dev.strongroom.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A template from deploy/ reduced to what the local emulator's CloudFormation can create, derived
 * from the real one: every resource of a type the emulator lacks is dropped, then every resource
 * that refers to a dropped one (repeatedly), then the outputs that do. A reference from one of the
 * listed properties drops only that property, where the emulator would ignore it anyway. The
 * emulator cannot read a nested stack's outputs (Fn::GetAtt Stack Outputs.X), so whatever reads
 * them goes too. DependsOn entries on dropped resources are removed (they only order creation).
 */
public record EmulatorTemplate(ObjectNode template, Set<String> dropped) {

    public static EmulatorTemplate of(CloudFormationTemplate source, Map<String, String> missingTypes,
            Set<String> propertiesDroppedAlone) {
        ObjectNode template = source.root().deepCopy();
        ObjectNode resources = (ObjectNode) template.get("Resources");
        Set<String> dropped = new TreeSet<>();
        resources.properties().forEach(e -> {
            if (missingTypes.containsKey(e.getValue().path("Type").asText())) {
                dropped.add(e.getKey());
            }
        });
        Set<String> nestedStacks = new TreeSet<>();
        resources.properties().forEach(e -> {
            if (e.getValue().path("Type").asText().equals("AWS::CloudFormation::Stack")) {
                nestedStacks.add(e.getKey());
            }
        });
        boolean more = true;
        while (more) {
            more = false;
            for (Map.Entry<String, JsonNode> resource : resources.properties()) {
                String id = resource.getKey();
                if (dropped.contains(id)) {
                    continue;
                }
                JsonNode properties = resource.getValue().path("Properties");
                List<String> names = new ArrayList<>();
                properties.fieldNames().forEachRemaining(names::add);
                for (String name : names) {
                    if (propertiesDroppedAlone.contains(id + "." + name)
                            && refersTo(properties.get(name), dropped)) {
                        ((ObjectNode) properties).remove(name);
                    }
                }
                if (refersTo(properties, dropped) || readsOutputsOf(properties, nestedStacks)) {
                    dropped.add(id);
                    more = true;
                }
            }
        }
        dropped.forEach(resources::remove);
        resources.properties().forEach(e -> withoutDependencies((ObjectNode) e.getValue(), dropped));
        if (template.has("Outputs")) {
            ObjectNode outputs = (ObjectNode) template.get("Outputs");
            List<String> gone = new ArrayList<>();
            outputs.properties().forEach(e -> {
                if (refersTo(e.getValue(), dropped) || readsOutputsOf(e.getValue(), nestedStacks)) {
                    gone.add(e.getKey());
                }
            });
            gone.forEach(outputs::remove);
        }
        return new EmulatorTemplate(template, dropped);
    }

    private static boolean refersTo(JsonNode node, Set<String> dropped) {
        return CloudFormationTemplate.references(node).stream().anyMatch(dropped::contains);
    }

    private static boolean readsOutputsOf(JsonNode node, Set<String> nestedStacks) {
        return CloudFormationTemplate.attributeReferences(node).stream().anyMatch(nestedStacks::contains);
    }

    private static void withoutDependencies(ObjectNode resource, Set<String> dropped) {
        JsonNode dependsOn = resource.get("DependsOn");
        if (dependsOn == null) {
            return;
        }
        ArrayNode kept = resource.arrayNode();
        if (dependsOn.isTextual()) {
            kept.add(dependsOn);
        } else {
            kept.addAll((ArrayNode) dependsOn);
        }
        for (int i = kept.size() - 1; i >= 0; i--) {
            if (dropped.contains(kept.get(i).asText())) {
                kept.remove(i);
            }
        }
        if (kept.isEmpty()) {
            resource.remove("DependsOn");
        } else {
            resource.set("DependsOn", kept);
        }
    }
}
