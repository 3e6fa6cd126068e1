package dev.strongroom.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A template from deploy/, written with long-form intrinsics (Fn::Sub, Ref, Fn::GetAtt) so plain
 * YAML parsing reads it, and the few operations the deployment tests need on it.
 */
public final class CloudFormationTemplate {

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^!}][^}]*)}");

    private final Path file;
    private final JsonNode root;

    private CloudFormationTemplate(Path file, JsonNode root) {
        this.file = file;
        this.root = root;
    }

    public static CloudFormationTemplate read(String file) {
        try {
            return new CloudFormationTemplate(Path.of(file), new YAMLMapper().readTree(Path.of(file).toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path file() {
        return file;
    }

    public JsonNode root() {
        return root;
    }

    public JsonNode resource(String logicalId) {
        JsonNode resource = root.path("Resources").path(logicalId);
        if (resource.isMissingNode()) {
            throw new AssertionError(file + " has no resource " + logicalId);
        }
        return resource;
    }

    /** Logical ids and types of every resource, in template order. */
    public Map<String, String> resourceTypes() {
        Map<String, String> types = new LinkedHashMap<>();
        root.path("Resources").properties().forEach(e -> types.put(e.getKey(), e.getValue().path("Type").asText()));
        return types;
    }

    /**
     * The node as the policy documents in policies/ write it: an Fn::Sub string stays as written,
     * Ref X becomes ${X} and Fn::GetAtt [X, Y] becomes ${X.Y}, the placeholders Fn::Sub itself uses.
     */
    public static JsonNode asPolicyText(JsonNode node) {
        return map(node, intrinsic -> {
            if (intrinsic.has("Fn::Sub") && intrinsic.get("Fn::Sub").isTextual()) {
                return intrinsic.get("Fn::Sub");
            }
            if (intrinsic.has("Ref")) {
                return new TextNode("${" + intrinsic.get("Ref").asText() + "}");
            }
            if (intrinsic.has("Fn::GetAtt")) {
                JsonNode getAtt = intrinsic.get("Fn::GetAtt");
                return new TextNode("${" + getAtt.get(0).asText() + "." + getAtt.get(1).asText() + "}");
            }
            return null;
        });
    }

    /** Replaces Ref and Fn::GetAtt (and Fn::Sub placeholders) with the values given for ${X} / ${X.Y}. */
    public static JsonNode resolve(JsonNode node, Map<String, String> values) {
        return map(node, intrinsic -> {
            JsonNode text = intrinsic.has("Ref") || intrinsic.has("Fn::GetAtt")
                    ? asPolicyText(intrinsic)
                    : intrinsic.has("Fn::Sub") && intrinsic.get("Fn::Sub").isTextual() ? intrinsic.get("Fn::Sub") : null;
            if (text == null) {
                return null;
            }
            Matcher m = SUB_VARIABLE.matcher(text.asText());
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String value = values.get(m.group(1));
                if (value == null) {
                    throw new AssertionError("no value for ${" + m.group(1) + "}");
                }
                m.appendReplacement(out, Matcher.quoteReplacement(value));
            }
            m.appendTail(out);
            return new TextNode(out.toString());
        });
    }

    /** Logical ids (resources or parameters) a node refers to through Ref, Fn::GetAtt or Fn::Sub. */
    public static Set<String> references(JsonNode node) {
        Set<String> found = new TreeSet<>();
        collect(node, found);
        return found;
    }

    /** Logical ids whose attributes a node reads (Fn::GetAtt, or ${X.Attribute} in Fn::Sub). */
    public static Set<String> attributeReferences(JsonNode node) {
        Set<String> found = new TreeSet<>();
        if (node.isObject()) {
            if (node.has("Fn::GetAtt")) {
                JsonNode getAtt = node.get("Fn::GetAtt");
                found.add(getAtt.isArray() ? getAtt.get(0).asText() : getAtt.asText().split("\\.")[0]);
            }
            if (node.has("Fn::Sub")) {
                JsonNode sub = node.get("Fn::Sub");
                Matcher m = SUB_VARIABLE.matcher(sub.isArray() ? sub.get(0).asText() : sub.asText());
                while (m.find()) {
                    if (m.group(1).contains(".")) {
                        found.add(m.group(1).split("\\.")[0]);
                    }
                }
            }
            node.properties().forEach(e -> found.addAll(attributeReferences(e.getValue())));
        } else if (node.isArray()) {
            node.forEach(item -> found.addAll(attributeReferences(item)));
        }
        return found;
    }

    private static void collect(JsonNode node, Set<String> found) {
        if (node.isObject()) {
            if (node.has("Ref") && node.get("Ref").isTextual()) {
                found.add(node.get("Ref").asText());
            }
            if (node.has("Fn::GetAtt")) {
                JsonNode getAtt = node.get("Fn::GetAtt");
                found.add(getAtt.isArray() ? getAtt.get(0).asText() : getAtt.asText().split("\\.")[0]);
            }
            if (node.has("Fn::Sub")) {
                JsonNode sub = node.get("Fn::Sub");
                String text = sub.isArray() ? sub.get(0).asText() : sub.asText();
                Matcher m = SUB_VARIABLE.matcher(text);
                Set<String> local = new TreeSet<>();
                if (sub.isArray()) {
                    sub.get(1).fieldNames().forEachRemaining(local::add);
                    collect(sub.get(1), found);
                }
                while (m.find()) {
                    String name = m.group(1).split("\\.")[0];
                    if (!local.contains(name)) {
                        found.add(name);
                    }
                }
            }
            node.properties().forEach(e -> {
                if (!e.getKey().equals("Fn::Sub")) {
                    collect(e.getValue(), found);
                }
            });
        } else if (node.isArray()) {
            node.forEach(item -> collect(item, found));
        }
    }

    private static JsonNode map(JsonNode node, Function<JsonNode, JsonNode> intrinsic) {
        if (node.isObject()) {
            if (node.size() == 1) {
                JsonNode replaced = intrinsic.apply(node);
                if (replaced != null) {
                    return replaced;
                }
            }
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.properties().forEach(e -> copy.set(e.getKey(), map(e.getValue(), intrinsic)));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> copy.add(map(item, intrinsic)));
            return copy;
        }
        return node;
    }
}
