package dev.strongroom.bench;

import dev.strongroom.audit.AuditJournal;
import dev.strongroom.audit.AuditRecord;
import dev.strongroom.audit.StandaloneJournal;
import dev.strongroom.audit.cloudwatch.AuditLogStream;
import dev.strongroom.audit.cloudwatch.AuditShipper;
import dev.strongroom.audit.cloudwatch.BatchLimits;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;

/**
 * Audit: the vault's own {@link AuditJournal} (used directly, not through HTTP, so the figure is
 * the journal's) appending events with durability from {@code --clients} threads for
 * {@code --seconds}, and from one thread (no group commit possible: one fsync per event); then the
 * vault's {@link AuditShipper} sending everything appended to CloudWatch Logs at {@code --logs}
 * (the emulator), timed until the last event is confirmed.
 */
public final class AuditBench {

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        Path data = Path.of(args.get("data-dir"));
        Duration duration = args.seconds("seconds", 10);
        Duration warmUp = args.seconds("warmup", 2);
        AuditJournal journal = open(data);
        LoadGenerator.Result grouped = append(journal, args.integer("clients", 32), warmUp, duration);
        System.out.println("journal, " + args.integer("clients", 32) + " appenders: " + grouped.summary());
        args.report("journal.events_per_s", grouped.perSecond());
        args.report("journal.p99_ms", grouped.p99Millis());
        args.report("journal.cpu_ms_per_event", grouped.serverCpuMillisPerOk());
        LoadGenerator.Result serial = append(journal, 1, Duration.ZERO, duration);
        System.out.println("journal, 1 appender: " + serial.summary());
        args.report("journal.serial_events_per_s", serial.perSecond());
        args.report("journal.serial_cpu_ms_per_event", serial.serverCpuMillisPerOk());
        if (args.get("logs", null) != null) {
            long head = journal.head().seq();
            double seconds = ship(journal, data, args.get("logs"), head);
            System.out.printf("shipped %d events to CloudWatch Logs in %.2f s = %.1f events/s%n", head, seconds,
                    head / seconds);
            args.report("shipping.events", head);
            args.report("shipping.events_per_s", head / seconds);
        }
    }

    /** The journal outside CDI, as the vault opens it (no anchors: nothing outside to compare with). */
    static AuditJournal open(Path dataDir) {
        return StandaloneJournal.open(dataDir);
    }

    static LoadGenerator.Result append(AuditJournal journal, int clients, Duration warmUp, Duration duration) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        return LoadGenerator.run(clients, warmUp, duration, 201, ProcessCpu.self(), (client, i) -> {
            journal.append(new AuditRecord("bench-" + client, "analyst", "document.view", "document/" + run + "-" + i,
                    "success", "127.0.0.1", run + "-" + client + "-" + i,
                    AuditRecord.details(Map.of("sha256", "ab".repeat(32), "size", 102400))));
            return 201;
        });
    }

    /** Ships every event up to {@code head}; returns the seconds it took. */
    static double ship(AuditJournal journal, Path data, String endpoint, long head) {
        try (CloudWatchLogsClient logs = CloudWatchLogsClient.builder().region(Region.of("eu-central-1"))
                .endpointOverride(URI.create(endpoint))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("emulator", "emulator")))
                .build();
                AuditShipper shipper = new AuditShipper(journal.segments(), journal::durableSeq,
                        new AuditLogStream(logs, logs, "/strongroom/audit", "bench-" + UUID.randomUUID()),
                        data.resolve("checkpoint-" + UUID.randomUUID() + ".json"), BatchLimits.SERVICE,
                        Duration.ofDays(13), Clock.systemUTC())) {
            long t0 = System.nanoTime();
            while (shipper.checkpoint().seq() < head) {
                shipper.shipAvailable();
            }
            return (System.nanoTime() - t0) / 1e9;
        }
    }
}
