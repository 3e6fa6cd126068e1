package dev.strongroom.snapshots;

/**
 * Where the vault runs and which volume holds its data.
 *
 * @param source "config", "imds" or "config+imds": where instance id and zone came from
 */
public record InstanceIdentity(String instanceId, String availabilityZone, String volumeId, String source) {
}
