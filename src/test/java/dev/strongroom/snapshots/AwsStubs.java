package dev.strongroom.snapshots;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.io.IOException;
import java.nio.file.Path;

/**
 * One WireMock server standing in for the two AWS endpoints no emulator here serves: DLM's REST
 * API (GetLifecyclePolicies, GetLifecyclePolicy, with the JSON shapes and error of the DLM API
 * reference) and the EC2 instance metadata service, which answers only with an IMDSv2 token.
 */
final class AwsStubs {

    static final String POLICY_ID = "policy-0a1b2c3d4e5f60718";
    static final String TOKEN = "imds-session-token-for-tests";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WireMock server;
    private final int port;

    /** A client of the stub server on {@code port}, which {@link #start} started (possibly in another class loader). */
    AwsStubs(int port) {
        this.port = port;
        this.server = new WireMock("127.0.0.1", port);
    }

    static WireMockServer start() {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1")
                .dynamicPort());
        server.start();
        return server;
    }

    String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** IMDSv2: a PUT with a TTL header gets the token; metadata GETs must carry it. */
    void instance(String instanceId, String zone) {
        server.register(put(urlPathEqualTo("/latest/api/token"))
                .withHeader("X-aws-ec2-metadata-token-ttl-seconds", com.github.tomakehurst.wiremock.client.WireMock
                        .matching("[0-9]+"))
                // Real IMDS echoes the TTL it granted, and the SDK refuses a token without it.
                .willReturn(aResponse().withStatus(200).withHeader("X-aws-ec2-metadata-token-ttl-seconds", "300")
                        .withBody(TOKEN)));
        server.register(get(urlPathEqualTo("/latest/meta-data/instance-id"))
                .withHeader("X-aws-ec2-metadata-token", equalTo(TOKEN))
                .willReturn(aResponse().withStatus(200).withBody(instanceId)));
        server.register(get(urlPathEqualTo("/latest/meta-data/placement/availability-zone"))
                .withHeader("X-aws-ec2-metadata-token", equalTo(TOKEN))
                .willReturn(aResponse().withStatus(200).withBody(zone)));
    }

    /** The policy DLM would hold after deploying deploy/snapshots.yaml: policies/dlm-policy.json, replica region filled in. */
    static ObjectNode deployedPolicy(String replicaRegion) {
        try {
            String text = java.nio.file.Files.readString(Path.of("policies/dlm-policy.json"))
                    .replace("${ReplicaRegion}", replicaRegion);
            JsonNode source = JSON.readTree(text);
            ObjectNode policy = JSON.createObjectNode();
            policy.put("PolicyId", POLICY_ID);
            policy.put("Description", source.get("Description").asText());
            policy.put("State", "ENABLED");
            policy.put("StatusMessage", "ENABLED");
            policy.put("ExecutionRoleArn", "arn:aws:iam::123456789012:role/strongroom-dlm");
            policy.put("DateCreated", "2026-11-01T03:00:00.000Z");
            policy.put("DateModified", "2026-11-01T03:00:00.000Z");
            policy.set("PolicyDetails", source.get("PolicyDetails").deepCopy());
            policy.set("Tags", JSON.createObjectNode());
            policy.put("PolicyArn", "arn:aws:dlm:eu-central-1:123456789012:policy/" + POLICY_ID);
            return policy;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode withoutCrossRegionCopy(ObjectNode policy) {
        for (JsonNode schedule : (ArrayNode) policy.at("/PolicyDetails/Schedules")) {
            ((ObjectNode) schedule).remove("CrossRegionCopyRules");
        }
        return policy;
    }

    /** GetLifecyclePolicies by tag lists the policy; GetLifecyclePolicy returns it. */
    void policy(ObjectNode policy) {
        ObjectNode summary = JSON.createObjectNode();
        summary.put("PolicyId", policy.get("PolicyId").asText());
        summary.put("Description", policy.get("Description").asText());
        summary.put("State", policy.get("State").asText());
        summary.set("Tags", JSON.createObjectNode());
        summary.put("PolicyType", "EBS_SNAPSHOT_MANAGEMENT");
        summary.put("DefaultPolicy", false);
        ObjectNode list = JSON.createObjectNode();
        list.putArray("Policies").add(summary);
        listing(list);
        ObjectNode one = JSON.createObjectNode();
        one.set("Policy", policy);
        server.register(get(urlPathEqualTo("/policies/" + policy.get("PolicyId").asText()))
                .willReturn(json(200, one)));
    }

    /** No policy carries the tag. */
    void noPolicy() {
        ObjectNode list = JSON.createObjectNode();
        list.putArray("Policies");
        listing(list);
    }

    /** The listing names a policy that GetLifecyclePolicy no longer finds (deleted in between). */
    void deletedPolicy() {
        policy(deployedPolicy("eu-west-1"));
        ObjectNode error = JSON.createObjectNode();
        error.put("Message", "Policy " + POLICY_ID + " not found");
        error.put("Code", "ResourceNotFoundException");
        error.put("ResourceType", "Policy");
        error.putArray("ResourceIds").add(POLICY_ID);
        server.register(get(urlPathMatching("/policies/policy-.*")).willReturn(json(404, error)
                .withHeader("x-amzn-ErrorType", "ResourceNotFoundException")));
    }

    private void listing(ObjectNode body) {
        server.register(get(urlPathEqualTo("/policies/"))
                .withQueryParam("targetTags", equalTo("Backup=true"))
                .withQueryParam("resourceTypes", equalTo("VOLUME"))
                .willReturn(json(200, body)));
        server.register(get(urlPathEqualTo("/policies"))
                .withQueryParam("targetTags", equalTo("Backup=true"))
                .withQueryParam("resourceTypes", equalTo("VOLUME"))
                .willReturn(json(200, body)));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, JsonNode body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody(body.toString());
    }

    void reset() {
        server.resetMappings();
        server.resetRequests();
    }

    /** Metadata requests that came without the IMDSv2 token (an IMDSv1 client would send those). */
    long metadataRequestsWithoutToken() {
        return server.getServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().startsWith("/latest/meta-data"))
                .filter(e -> !TOKEN.equals(e.getRequest().getHeader("X-aws-ec2-metadata-token"))).count();
    }

    long tokenRequests() {
        return server.getServeEvents().stream().filter(e -> e.getRequest().getUrl().equals("/latest/api/token"))
                .count();
    }
}
