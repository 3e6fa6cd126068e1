package dev.strongroom.snapshots;

import dev.strongroom.http.ProblemException;
import dev.strongroom.http.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Volume;

/**
 * Finds the instance, its zone and the data volume: configuration first, then IMDSv2 for the
 * instance and zone, then EC2 for the volume attached at the data device. A found identity is kept
 * (an instance does not move); a failure is not, so the next call tries again.
 */
@ApplicationScoped
public class InstanceLocator {

    private static final Logger LOG = Logger.getLogger(InstanceLocator.class);

    private final SnapshotConfig config;
    private final Ec2Client ec2;
    private volatile InstanceIdentity found;

    public InstanceLocator(SnapshotConfig config, Ec2Client ec2) {
        this.config = config;
        this.ec2 = ec2;
    }

    /** The identity, or a 503 problem that says what is missing. */
    public InstanceIdentity identity() {
        InstanceIdentity known = found;
        if (known != null) {
            return known;
        }
        Optional<String> instanceId = config.instanceId().filter(s -> !s.isBlank());
        Optional<String> zone = config.availabilityZone().filter(s -> !s.isBlank());
        String source = "config";
        if (instanceId.isEmpty() || zone.isEmpty()) {
            if (!config.imds().enabled()) {
                throw notConfigured("strongroom.snapshots.instance-id and availability-zone are not set and IMDS is "
                        + "off (strongroom.snapshots.imds.enabled=false)");
            }
            ImdsReader.Placement placement;
            try {
                placement = new ImdsReader(config.imds().endpoint(), config.imds().timeout()).read();
            } catch (SdkException | IllegalStateException e) {
                throw notConfigured("not on EC2, or IMDSv2 at " + config.imds().endpoint() + " did not answer ("
                        + e.getMessage() + "), and strongroom.snapshots.instance-id / availability-zone are not set");
            }
            source = instanceId.isPresent() || zone.isPresent() ? "config+imds" : "imds";
            instanceId = instanceId.or(() -> Optional.of(placement.instanceId()));
            zone = zone.or(() -> Optional.of(placement.availabilityZone()));
        }
        String volumeId = config.volumeId().filter(s -> !s.isBlank()).orElseGet(() -> null);
        if (volumeId == null) {
            volumeId = attachedDataVolume(instanceId.get());
        }
        InstanceIdentity identity = new InstanceIdentity(instanceId.get(), zone.get(), volumeId, source);
        found = identity;
        LOG.infof("Snapshots: instance %s in %s, data volume %s (from %s)", identity.instanceId(),
                identity.availabilityZone(), identity.volumeId(), source);
        return identity;
    }

    private String attachedDataVolume(String instanceId) {
        List<Volume> volumes;
        try {
            volumes = ec2.describeVolumes(b -> b.filters(
                    Filter.builder().name("attachment.instance-id").values(instanceId).build(),
                    Filter.builder().name("attachment.device").values(config.dataDevice()).build())).volumes();
        } catch (SdkException e) {
            throw new ProblemException(503, ProblemType.EC2_UNAVAILABLE, "EC2 is not reachable",
                    "Cannot find the data volume of " + instanceId + ": " + e.getMessage());
        }
        if (volumes.isEmpty()) {
            throw notConfigured("no volume is attached to " + instanceId + " at " + config.dataDevice()
                    + " (strongroom.snapshots.data-device); set strongroom.snapshots.volume-id");
        }
        return volumes.get(0).volumeId();
    }

    private static ProblemException notConfigured(String why) {
        return new ProblemException(503, ProblemType.SNAPSHOTS_NOT_CONFIGURED, "Snapshots are not configured", why);
    }
}
