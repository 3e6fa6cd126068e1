package dev.strongroom.audit.cloudwatch;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Shipping the audit journal to CloudWatch Logs; read by {@link AuditShipping},
 * {@link ShippingHealthCheck}, {@link ConsistencyCheck} and {@link CloudWatchExport}.
 */
@ConfigMapping(prefix = "strongroom.audit.cloudwatch")
public interface CloudWatchAuditConfig {

    /** Off only on purpose (health then says so): auditors rely on CloudWatch as the system of record. */
    @WithDefault("true")
    boolean enabled();

    /** The log group; created by provisioning (deploy/cloudwatch.yaml), not by the vault. Env: STRONGROOM_AUDIT_CLOUDWATCH_LOG_GROUP. */
    @WithDefault("/strongroom/audit")
    String logGroup();

    /**
     * This instance's log stream; default: the host name. Each stream holds the whole journal of one
     * vault: a new name (say, the volume moved to a new instance) gets the journal again from seq 1.
     */
    Optional<String> stream();

    /** How often the shipper looks for new events when it has caught up. */
    @WithDefault("PT1S")
    Duration pollInterval();

    /** Events per PutLogEvents call (the service allows at most 10,000). */
    @WithDefault("10000")
    int maxBatchEvents();

    /** Bytes per call, counting 26 bytes per event (the service allows at most 1,048,576). */
    @WithDefault("1048576")
    int maxBatchBytes();

    /** Time between the oldest and newest event of one call (the service allows less than 24 hours). */
    @WithDefault("PT24H")
    Duration maxBatchSpan();

    /** Largest log event, 26 bytes included (the service allows 262,144); larger lines go in parts. */
    @WithDefault("262144")
    int maxEventBytes();

    /**
     * Oldest timestamp an event is sent with, relative to now: CloudWatch drops events older than
     * 14 days or than the group's retention, so older events are stamped at this age (their message
     * keeps their real time). Set it below the group's retention when that is shorter.
     */
    @WithDefault("P13D")
    Duration maxEventAge();

    /** First wait after a failed call; doubles (with jitter, the SDK's backoff) up to retry-max-delay. */
    @WithDefault("PT1S")
    Duration retryBaseDelay();

    @WithDefault("PT1M")
    Duration retryMaxDelay();

    /** Shipping health turns DOWN when the oldest unshipped event is older than this. */
    @WithDefault("PT5M")
    Duration maxLag();

    /** How long a stop waits for the last events to be shipped. */
    @WithDefault("PT10S")
    Duration shutdownGrace();

    /** When the scheduled CloudWatch-vs-journal check runs (Quartz cron); "off" for on demand only. */
    @WithDefault("0 30 2 * * ?")
    String checkCron();

    /** The time range the scheduled check covers, ending now. */
    @WithDefault("P1D")
    Duration checkWindow();
}
