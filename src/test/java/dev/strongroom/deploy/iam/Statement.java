package dev.strongroom.deploy.iam;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One statement of a policy, read from its JSON. {@code principals} is empty in an identity policy
 * (the statement applies to the principal it is attached to); in a resource policy it lists
 * {@code "*"} or {@code "AWS:<arn>"} / {@code "Service:<name>"} entries, matched against the request's
 * {@code aws:PrincipalArn} or {@code aws:PrincipalServiceName}.
 */
public record Statement(String sid, boolean allow, List<String> principals, List<String> actions, boolean notAction,
        List<String> resources, boolean notResource, List<Condition> conditions) {

    static Statement read(JsonNode json, int index) {
        if (json.has("NotPrincipal")) {
            throw new IllegalArgumentException("statement " + index + ": NotPrincipal is not one the evaluator knows");
        }
        List<String> principals = new ArrayList<>();
        JsonNode principal = json.get("Principal");
        if (principal != null && principal.isTextual()) {
            principals.add(principal.asText());
        } else if (principal != null) {
            principal.properties().forEach(kind -> strings(kind.getValue())
                    .forEach(value -> principals.add(kind.getKey() + ":" + value)));
        }
        String effect = json.path("Effect").asText();
        if (!effect.equals("Allow") && !effect.equals("Deny")) {
            throw new IllegalArgumentException("statement " + index + ": Effect must be Allow or Deny, not " + effect);
        }
        boolean notAction = json.has("NotAction");
        boolean notResource = json.has("NotResource");
        if (!json.has("Resource") && !notResource) {
            throw new IllegalArgumentException("statement " + index + " names no Resource");
        }
        List<Condition> conditions = new ArrayList<>();
        json.path("Condition").properties().forEach(operator -> operator.getValue().properties().forEach(
                key -> conditions.add(new Condition(operator.getKey(), key.getKey(), strings(key.getValue())))));
        return new Statement(json.path("Sid").asText("#" + index), effect.equals("Allow"), List.copyOf(principals),
                strings(json.get(notAction ? "NotAction" : "Action")), notAction,
                strings(json.get(notResource ? "NotResource" : "Resource")), notResource, List.copyOf(conditions));
    }

    boolean coversPrincipal(Map<String, List<String>> context) {
        if (principals.isEmpty() || principals.contains("*")) {
            return true;
        }
        return principals.stream().anyMatch(p -> p.startsWith("AWS:")
                ? context.getOrDefault("aws:PrincipalArn", List.of()).contains(p.substring(4))
                : p.startsWith("Service:")
                        && context.getOrDefault("aws:PrincipalServiceName", List.of()).contains(p.substring(8)));
    }

    boolean coversAction(String action) {
        boolean listed = actions.stream().anyMatch(pattern -> Wildcard.matches(pattern, action, true));
        return notAction != listed;
    }

    boolean coversResource(String arn, Map<String, List<String>> context) {
        boolean listed = resources.stream().map(r -> PolicyVariables.substitute(r, context)).flatMap(Optional::stream)
                .anyMatch(pattern -> arn.equals("*") ? pattern.equals("*") : Wildcard.matches(pattern, arn, false));
        return notResource != listed;
    }

    boolean conditionsHold(Map<String, List<String>> context) {
        return conditions.stream().allMatch(c -> c.holds(context));
    }

    static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (node.isArray()) {
            node.forEach(n -> out.add(n.asText()));
        } else {
            out.add(node.asText());
        }
        return out;
    }
}
