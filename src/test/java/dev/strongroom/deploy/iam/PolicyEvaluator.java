package dev.strongroom.deploy.iam;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decides a request against every policy that applies to it: a principal's identity policies and,
 * within one account, the resource's policy (bucket policy, endpoint policy) alike. An explicit Deny
 * in any of them wins; otherwise each resource the request touches needs an Allow.
 */
public final class PolicyEvaluator {

    private final List<IamPolicy> policies;

    public PolicyEvaluator(List<IamPolicy> policies) {
        this.policies = List.copyOf(policies);
    }

    public PolicyEvaluator and(IamPolicy... more) {
        List<IamPolicy> all = new ArrayList<>(policies);
        all.addAll(List.of(more));
        return new PolicyEvaluator(all);
    }

    public List<IamPolicy> policies() {
        return policies;
    }

    public Decision decide(IamRequest request) {
        if (request.resources().isEmpty()) {
            throw new IllegalArgumentException("a request touches at least one resource (\"*\" if its action has none)");
        }
        List<String> allowedBy = new ArrayList<>();
        List<String> notAllowed = new ArrayList<>();
        for (IamRequest.RequestedResource resource : request.resources()) {
            Map<String, List<String>> context = request.contextFor(resource);
            String allow = null;
            for (IamPolicy policy : policies) {
                for (Statement statement : policy.statements()) {
                    if (!statement.coversPrincipal(context) || !statement.coversAction(request.action())
                            || !statement.coversResource(resource.arn(), context) || !statement.conditionsHold(context)) {
                        continue;
                    }
                    String name = policy.name() + " " + statement.sid();
                    if (!statement.allow()) {
                        return new Decision(Decision.Outcome.EXPLICITLY_DENIED, name + " denies " + resource.arn());
                    }
                    if (allow == null) {
                        allow = name;
                    }
                }
            }
            if (allow == null) {
                notAllowed.add(resource.arn());
            } else {
                allowedBy.add(allow);
            }
        }
        if (!notAllowed.isEmpty()) {
            return new Decision(Decision.Outcome.IMPLICITLY_DENIED, "no statement allows " + request.action() + " on "
                    + notAllowed);
        }
        return new Decision(Decision.Outcome.ALLOWED, String.join(", ", allowedBy));
    }
}
