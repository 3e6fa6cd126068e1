package dev.strongroom.audit.cloudwatch;

/**
 * Where audit shipping stands, for ops and health.
 *
 * @param shippedSeq the newest event CloudWatch confirmed
 * @param durableSeq the newest event on stable storage in the journal
 * @param lagSeconds how long the oldest unshipped event has waited (0 when none waits)
 * @param lastError the last failure, null after a success
 */
public record ShippingStatus(boolean enabled, String logGroup, String stream, long shippedSeq, long durableSeq,
        long lagSeconds, long maxLagSeconds, String lastShippedAt, int consecutiveFailures, String lastError) {
}
