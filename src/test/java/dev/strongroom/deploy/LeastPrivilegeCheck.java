package dev.strongroom.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Judges an IAM policy document against least privilege and returns every finding, each naming its
 * statement. Allow statements must name each action in full (no "*", no "s3:*" or "s3:Get*"), must not
 * use NotAction or NotResource, and may use the resource "*" (or an ARN whose resource part is "*") only
 * for actions on the allow-list, with the condition key the allow-list demands for them.
 */
public final class LeastPrivilegeCheck {

    /** An action AWS authorizes only on "*", and the condition key that must narrow it (null: AWS offers none). */
    public record UnscopableAction(String action, String requiredConditionKey, String why) {
    }

    /** Fn::Sub placeholders such as ${AWS::Partition} hold colons of their own. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{[^}]+}");
    private static final Pattern UNSCOPED_ARN = Pattern.compile("arn:[^:]*:[^:]*:[^:]*:[^:]*:\\*");

    private final Map<String, UnscopableAction> allowList;

    public LeastPrivilegeCheck(List<UnscopableAction> allowList) {
        this.allowList = allowList.stream()
                .collect(java.util.stream.Collectors.toMap(UnscopableAction::action, a -> a));
    }

    public List<String> findings(String name, JsonNode policy) {
        List<String> findings = new ArrayList<>();
        int index = 0;
        for (JsonNode statement : policy.path("Statement")) {
            String label = name + " statement " + statement.path("Sid").asText("#" + index);
            index++;
            if (!statement.path("Effect").asText().equals("Allow")) {
                continue;
            }
            if (statement.has("NotAction") || statement.has("NotResource")) {
                findings.add(label + ": NotAction/NotResource in an Allow grants everything else");
            }
            List<String> actions = strings(statement.path("Action"));
            for (String action : actions) {
                if (action.contains("*")) {
                    findings.add(label + ": wildcard action \"" + action + "\"");
                }
            }
            boolean unscopedResource = strings(statement.path("Resource")).stream()
                    .map(r -> PLACEHOLDER.matcher(r).replaceAll("placeholder"))
                    .anyMatch(r -> r.equals("*") || UNSCOPED_ARN.matcher(r).matches());
            if (unscopedResource) {
                for (String action : actions) {
                    UnscopableAction allowed = allowList.get(action);
                    if (allowed == null) {
                        findings.add(label + ": resource \"*\" for " + action
                                + ", which AWS lets a policy scope to ARNs");
                    } else if (allowed.requiredConditionKey() != null
                            && !hasConditionKey(statement.path("Condition"), allowed.requiredConditionKey())) {
                        findings.add(label + ": resource \"*\" for " + action + " without a condition on "
                                + allowed.requiredConditionKey());
                    }
                }
            }
        }
        return findings;
    }

    private static boolean hasConditionKey(JsonNode condition, String key) {
        for (JsonNode operator : condition) {
            if (operator.has(key)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isTextual()) {
            out.add(node.asText());
        } else {
            node.forEach(n -> out.add(n.asText()));
        }
        return out;
    }
}
