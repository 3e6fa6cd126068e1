package dev.strongroom.snapshots;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.Optional;

/**
 * EBS snapshots of the data volume; read by {@link InstanceLocator}, {@link LifecyclePolicyCheck},
 * {@link SnapshotMonitor}, {@link VolumeRestore} and dev.strongroom.aws.DlmClientProducer. On EC2 the instance,
 * its availability zone and the data volume are found through IMDSv2 and EC2; set them here to run
 * elsewhere (against an emulator) or to pin them.
 */
@ConfigMapping(prefix = "strongroom.snapshots")
public interface SnapshotConfig {

    /**
     * False where the data directory is not an EBS volume (a laptop under ./run): the vault then does
     * not look for snapshots, says once at start that there are none, and snapshot health says
     * "off" instead of DOWN, so /q/health tells the rest of the truth. Env: STRONGROOM_SNAPSHOTS_ENABLED.
     */
    @WithDefault("true")
    boolean enabled();

    /** The EC2 instance the vault runs on. Env: STRONGROOM_SNAPSHOTS_INSTANCE_ID. Unset: from IMDSv2. */
    Optional<String> instanceId();

    /** Its availability zone, where restored volumes are created. Unset: from IMDSv2. */
    Optional<String> availabilityZone();

    /** The data volume. Unset: the volume attached to the instance at {@code data-device}. */
    Optional<String> volumeId();

    /** Device name the data volume is attached at, used to find it when volume-id is unset. */
    @WithDefault("/dev/sdf")
    String dataDevice();

    /** Device name a restored volume is attached at; must be free on the instance. */
    @WithDefault("/dev/sdg")
    String restoreDevice();

    /** The DLM policy id. Unset: the policy that targets volumes tagged {@code target-tag}. */
    Optional<String> policyId();

    /** The tag DLM selects the data volume by, as key=value; the same as in policies/dlm-policy.json. */
    @WithDefault("Backup=true")
    String targetTag();

    /** Snapshot health turns DOWN when the newest completed snapshot is older than this (daily plus slack). */
    @WithDefault("PT26H")
    Duration maxAge();

    /** How often the policy state and the snapshot list are refreshed for health and metrics. */
    @WithDefault("10m")
    String statusEvery();

    /** EBS type of a restored volume. */
    @WithDefault("gp3")
    String volumeType();

    /** KMS key for restored volumes; unset: the account's default EBS key. Restored volumes are always encrypted. */
    Optional<String> kmsKeyId();

    /** How often a restore polls EC2 while it waits for a volume to become available or attached. */
    @WithDefault("PT5S")
    Duration pollInterval();

    /** How long a restore waits for one state change before it gives up. */
    @WithDefault("PT15M")
    Duration waitTimeout();

    /** Overrides the DLM endpoint only (no emulator has DLM; tests point it at a stub). Read by DlmClientProducer. */
    Optional<String> dlmEndpoint();

    Imds imds();

    /** The EC2 instance metadata service, always with IMDSv2 session tokens. */
    interface Imds {
        /** Ask IMDSv2 for what is not configured. Off in dev and tests, where there is no instance. */
        @WithDefault("true")
        boolean enabled();

        @WithDefault("http://169.254.169.254")
        String endpoint();

        /** Per request; short, since off EC2 nothing answers. */
        @WithName("timeout")
        @WithDefault("PT2S")
        Duration timeout();
    }
}
