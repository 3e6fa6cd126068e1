package dev.strongroom.backup;

import dev.strongroom.support.EmulatorInstalled;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real moto_server on a free 127.0.0.1 port, started and provisioned by the project's own
 * deploy/local scripts (so every test run also proves those scripts work), and stopped by its pid.
 */
public final class MotoEmulator implements AutoCloseable {

    public static final String BUCKET = "strongroom-backup";
    public static final String REPLICA_BUCKET = "strongroom-backup-replica";
    public static final String REGION = "eu-central-1";
    public static final String REPLICA_REGION = "eu-west-1";
    public static final String ACCESS_KEY = "emulator";
    /** The KMS key provision.sh makes for the signing key's envelope. */
    public static final String SIGNING_KMS_KEY = "alias/strongroom-signing-key";

    private final Path dir;
    private final String endpoint;
    private final long pid;

    private MotoEmulator(Path dir, String endpoint, long pid) {
        this.dir = dir;
        this.endpoint = endpoint;
        this.pid = pid;
    }

    /** Starts moto with start-emulator.sh and provisions it with provision.sh, exactly as the run script does. */
    public static MotoEmulator startProvisioned() {
        MotoEmulator moto = startEmpty();
        script(moto.dir, "deploy/local/provision.sh", moto.endpoint);
        return moto;
    }

    /**
     * Starts moto with start-emulator.sh and nothing in it, for tests that provision it their own way.
     * Without moto_server and the aws CLI the calling test is skipped, loudly (failed with CI=true).
     */
    public static MotoEmulator startEmpty() {
        EmulatorInstalled.require();
        Path dir = Path.of("target", "emulator-" + UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();
        String endpoint = script(dir, "deploy/local/start-emulator.sh").strip();
        try {
            return new MotoEmulator(dir, endpoint, Long.parseLong(Files.readString(dir.resolve("moto.pid")).strip()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String script(Path dir, String... command) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(false);
            Map<String, String> env = builder.environment();
            env.put("STRONGROOM_EMULATOR_DIR", dir.toString());
            env.put("AWS_ACCESS_KEY_ID", ACCESS_KEY);
            env.put("AWS_SECRET_ACCESS_KEY", ACCESS_KEY);
            env.put("STRONGROOM_AWS_REGION", REGION);
            env.put("STRONGROOM_BACKUP_BUCKET", BUCKET);
            env.put("STRONGROOM_BACKUP_REPLICA_BUCKET", REPLICA_BUCKET);
            env.put("STRONGROOM_BACKUP_REPLICA_REGION", REPLICA_REGION);
            builder.redirectError(ProcessBuilder.Redirect.INHERIT);
            Process process = builder.start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Stops this emulator and starts a new one on the same port with nothing in it, as happens to
     * ./run's emulator when it restarts: same endpoint, no buckets. Provision it with {@link #provision()}.
     */
    public MotoEmulator restartEmpty() {
        script(dir, "deploy/local/stop-emulator.sh");
        String port = endpoint.substring(endpoint.lastIndexOf(':') + 1);
        String again = script(dir, "deploy/local/start-emulator.sh", port).strip();
        try {
            return new MotoEmulator(dir, again, Long.parseLong(Files.readString(dir.resolve("moto.pid")).strip()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Provisions this emulator with provision.sh, as ./run does after starting it. */
    public void provision() {
        script(dir, "deploy/local/provision.sh", endpoint);
    }

    /** A string that {@link #attach} turns back into a handle on this running emulator. */
    String handle() {
        return dir + "|" + endpoint + "|" + pid;
    }

    static MotoEmulator attach(String handle) {
        String[] parts = handle.split("\\|");
        return new MotoEmulator(Path.of(parts[0]), parts[1], Long.parseLong(parts[2]));
    }

    public String endpoint() {
        return endpoint;
    }

    /** The vault's settings for this emulator, as system properties or config values. */
    public Map<String, String> vaultConfig() {
        return Map.of("strongroom.aws.endpoint", endpoint, "strongroom.aws.region", REGION,
                "strongroom.backup.bucket", BUCKET, "strongroom.backup.replica-bucket", REPLICA_BUCKET,
                "strongroom.backup.replica-region", REPLICA_REGION, "strongroom.keys.kms-key-id", SIGNING_KMS_KEY);
    }

    /** Environment for a child process (the packaged vault, the restore command, the aws CLI). */
    public Map<String, String> environment() {
        return Map.of("STRONGROOM_AWS_ENDPOINT", endpoint, "STRONGROOM_AWS_REGION", REGION,
                "STRONGROOM_BACKUP_BUCKET", BUCKET, "STRONGROOM_BACKUP_REPLICA_BUCKET", REPLICA_BUCKET,
                "STRONGROOM_BACKUP_REPLICA_REGION", REPLICA_REGION, "AWS_ACCESS_KEY_ID", ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY", ACCESS_KEY, "AWS_DEFAULT_REGION", REGION, "STRONGROOM_KEYS_KMS_KEY_ID",
                SIGNING_KMS_KEY);
    }

    public S3Client client(String region) {
        return S3Client.builder().region(Region.of(region)).endpointOverride(java.net.URI.create(endpoint))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, ACCESS_KEY)))
                .build();
    }

    /** The request lines moto has logged so far ("HEAD /bucket/key?query HTTP/1.1"), oldest first. */
    public List<String> requests() {
        try {
            return Files.readAllLines(dir.resolve("moto.log"), StandardCharsets.UTF_8).stream()
                    .filter(line -> line.contains(" HTTP/1.1\""))
                    .map(line -> line.substring(line.indexOf('"') + 1, line.lastIndexOf(" HTTP/1.1\"")))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the emulator process (SIGSTOP): it keeps its state but answers nothing, as during an outage. */
    public void freeze() {
        signal("STOP");
    }

    /** Lets a frozen emulator run again (SIGCONT), with everything it held. */
    public void resume() {
        signal("CONT");
    }

    private void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + name + " " + pid + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        resume();
        script(dir, "deploy/local/stop-emulator.sh");
    }

    /** Every version id of a key, newest first. */
    public static List<String> versionsOf(S3Client s3, String bucket, String key) {
        List<String> ids = new ArrayList<>();
        s3.listObjectVersionsPaginator(b -> b.bucket(bucket).prefix(key)).versions().stream()
                .filter(v -> v.key().equals(key)).forEach(v -> ids.add(v.versionId()));
        return ids;
    }
}
