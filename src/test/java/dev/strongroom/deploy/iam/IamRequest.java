package dev.strongroom.deploy.iam;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One API call as IAM authorizes it: the action, every resource it touches (a call to an action with
 * no resource type touches "*"), and the request's own context keys.
 */
public record IamRequest(String action, List<RequestedResource> resources, Map<String, List<String>> context) {

    /**
     * A resource the call touches, the tags it carries (its {@code aws:ResourceTag/K}) and the condition
     * keys AWS gives that resource alone ({@code ec2:InstanceID} of an instance, say).
     */
    public record RequestedResource(String arn, Map<String, String> tags, Map<String, String> keys) {

        public static RequestedResource of(String arn) {
            return new RequestedResource(arn, Map.of(), Map.of());
        }

        public RequestedResource tagged(String key, String value) {
            Map<String, String> more = new LinkedHashMap<>(tags);
            more.put(key, value);
            return new RequestedResource(arn, more, keys);
        }

        public RequestedResource with(String key, String value) {
            Map<String, String> more = new LinkedHashMap<>(keys);
            more.put(key, value);
            return new RequestedResource(arn, tags, more);
        }
    }

    public static IamRequest of(String action, String... arns) {
        List<RequestedResource> resources = new ArrayList<>();
        for (String arn : arns) {
            resources.add(RequestedResource.of(arn));
        }
        return new IamRequest(action, resources, Map.of());
    }

    public static IamRequest on(String action, RequestedResource... resources) {
        return new IamRequest(action, List.of(resources), Map.of());
    }

    public IamRequest with(String key, String... values) {
        Map<String, List<String>> more = new LinkedHashMap<>(context);
        more.put(key, List.of(values));
        return new IamRequest(action, resources, more);
    }

    /** The context one resource is judged in: the request's keys and that resource's tags. */
    Map<String, List<String>> contextFor(RequestedResource resource) {
        Map<String, List<String>> keys = new LinkedHashMap<>(context);
        resource.tags().forEach((k, v) -> {
            keys.put("aws:ResourceTag/" + k, List.of(v));
            keys.put("ec2:ResourceTag/" + k, List.of(v));
        });
        resource.keys().forEach((k, v) -> keys.put(k, List.of(v)));
        return keys;
    }

    @Override
    public String toString() {
        return action + " on " + resources.stream().map(r -> r.tags().isEmpty() ? r.arn() : r.arn() + r.tags()).toList()
                + (context.isEmpty() ? "" : " with " + context);
    }
}
