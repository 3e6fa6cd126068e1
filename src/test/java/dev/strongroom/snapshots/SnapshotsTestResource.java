package dev.strongroom.snapshots;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points the vault's DLM client and IMDS lookups at one stub server (see {@link AwsStubs}) for
 * every @QuarkusTest, so the app still boots once; EC2 itself is MotoTestResource's moto_server.
 * Tests reach the stub through its admin API on the port in a system property, since tests and
 * this manager may live in different class loaders.
 */
public class SnapshotsTestResource implements QuarkusTestResourceLifecycleManager {

    private static final String PROPERTY = "snapshots.test.stub-port";
    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = AwsStubs.start();
        System.setProperty(PROPERTY, Integer.toString(server.port()));
        String endpoint = "http://127.0.0.1:" + server.port();
        return Map.of("strongroom.snapshots.dlm-endpoint", endpoint,
                "strongroom.snapshots.imds.enabled", "true",
                "strongroom.snapshots.imds.endpoint", endpoint);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }

    static AwsStubs stubs() {
        return new AwsStubs(Integer.parseInt(System.getProperty(PROPERTY)));
    }
}
