package dev.strongroom.snapshots;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.imds.Ec2MetadataClient;
import software.amazon.awssdk.imds.Ec2MetadataRetryPolicy;

/**
 * Reads the instance id and availability zone from the EC2 instance metadata service with IMDSv2:
 * the SDK's client first PUTs for a session token and sends it with every GET, so this works on
 * instances that require IMDSv2 (HttpTokens=required), as ours do.
 */
final class ImdsReader {

    /** What IMDS said about this instance. */
    record Placement(String instanceId, String availabilityZone) {
    }

    private final URI endpoint;
    private final Duration timeout;

    ImdsReader(String endpoint, Duration timeout) {
        this.endpoint = URI.create(endpoint);
        this.timeout = timeout;
    }

    /** Throws the SDK's exception when IMDS does not answer (not on EC2) or refuses. */
    Placement read() {
        try (ApacheHttpClient http = (ApacheHttpClient) ApacheHttpClient.builder().connectionTimeout(timeout)
                .socketTimeout(timeout).build();
                Ec2MetadataClient imds = Ec2MetadataClient.builder().endpoint(endpoint).httpClient(http)
                        // One quick retry: IMDS is local and either answers at once or is not there.
                        .retryPolicy(Ec2MetadataRetryPolicy.builder().numRetries(1).build())
                        .tokenTtl(Duration.ofMinutes(5)).build()) {
            String instanceId = imds.get("/latest/meta-data/instance-id").asString().strip();
            String zone = imds.get("/latest/meta-data/placement/availability-zone").asString().strip();
            return new Placement(instanceId, zone);
        }
    }
}
