package dev.strongroom.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strongroom.backup.MotoEmulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/publish-release.sh and deploy/strongroom-release.sh, run for real: releases are signed by a
 * KMS key and uploaded to a bucket (both in the emulator, through the aws CLI, as on AWS), and
 * installed into a host's release directory, where a systemctl stand-in "starts" the current release
 * and a readiness endpoint on 127.0.0.1 answers for it like the vault's /q/health/ready.
 */
class ReleaseScriptTest {

    private static final String BUCKET = "strongroom-releases";
    private static final String REGION = MotoEmulator.REGION;

    private static MotoEmulator moto;
    private static String releaseKey;
    private static Path tarballs;

    @TempDir
    Path host;
    private Path root;
    private StandInVault vault;
    private HostScript script;

    @BeforeAll
    static void publishReleases(@TempDir Path dir) throws IOException {
        moto = MotoEmulator.startEmpty();
        AwsCli.run(moto, REGION, List.of("s3api", "create-bucket", "--bucket", BUCKET, "--create-bucket-configuration",
                "LocationConstraint=" + REGION));
        releaseKey = newSigningKey();
        tarballs = dir;
        HostScript publisher = new HostScript(dir.resolve("bin"), AwsCli.environment(moto, REGION));
        for (String[] release : new String[][] {{"1.0.0", StandInVault.READY}, {"1.1.0", StandInVault.READY},
                {"1.2.0", StandInVault.NEVER_READY}, {"2.0.0", StandInVault.READY}}) {
            HostScript.Result published = publisher.run("publish-release.sh", release[0], tarball(release[0], release[1]),
                    "--bucket", BUCKET, "--key", releaseKey, "--region", REGION);
            assertEquals(0, published.exit(), published.both());
        }
        // 3.0.0 is signed by a key the hosts do not trust.
        HostScript.Result foreign = publisher.run("publish-release.sh", "3.0.0", tarball("3.0.0", StandInVault.READY),
                "--bucket", BUCKET, "--key", newSigningKey(), "--region", REGION);
        assertEquals(0, foreign.exit(), foreign.both());
        // 2.0.0's tarball is replaced after signing; its signed SHA256SUMS still names the original.
        AwsCli.run(moto, REGION, List.of("s3", "cp", "--only-show-errors", tarball("2.0.0", "tampered"),
                "s3://" + BUCKET + "/releases/2.0.0/strongroom-2.0.0.tar.gz"));
        // 1.0.0's signed files copied under 9.9.9, the tarball renamed to match.
        for (String[] file : new String[][] {{"SHA256SUMS", "SHA256SUMS"}, {"SHA256SUMS.sig", "SHA256SUMS.sig"},
                {"strongroom-1.0.0.tar.gz", "strongroom-9.9.9.tar.gz"}}) {
            AwsCli.run(moto, REGION, List.of("s3", "cp", "--only-show-errors", "s3://" + BUCKET + "/releases/1.0.0/" + file[0],
                    "s3://" + BUCKET + "/releases/9.9.9/" + file[1]));
        }
    }

    @AfterAll
    static void stopEmulator() {
        if (moto != null) {
            moto.close();
        }
    }

    @BeforeEach
    void host() throws IOException {
        root = host.resolve("opt-strongroom");
        Path bin = host.resolve("bin");
        vault = new StandInVault(host, root, bin);
        Path config = host.resolve("stack.env");
        Files.writeString(config, String.join("\n", "STRONGROOM_AWS_REGION=" + REGION,
                "STRONGROOM_RELEASE_BUCKET=" + BUCKET, "STRONGROOM_RELEASE_KEY_ARN=" + releaseKey,
                "STRONGROOM_RELEASE_ROOT=" + root, "STRONGROOM_RELEASE_READY_URL=" + vault.readyUrl(),
                "STRONGROOM_RELEASE_READY_TIMEOUT=8", "STRONGROOM_RELEASE_POLL_SECONDS=1", ""));
        Map<String, String> env = new java.util.HashMap<>(AwsCli.environment(moto, REGION));
        env.put("STRONGROOM_RELEASE_CONFIG", config.toString());
        script = new HostScript(bin, env);
    }

    @AfterEach
    void stopVault() {
        vault.close();
    }

    @Test
    void aSignedReleaseIsInstalledBesideTheRunningOneWhichStaysAsThePreviousRelease() throws IOException {
        HostScript.Result first = script.run("strongroom-release.sh", "install", "1.0.0");
        assertEquals(0, first.exit(), first.both());
        HostScript.Result second = script.run("strongroom-release.sh", "install", "1.1.0");
        assertEquals(0, second.exit(), second.both());

        assertEquals("releases/1.1.0", link("current"));
        assertEquals("releases/1.0.0", link("previous"));
        assertTrue(Files.isRegularFile(root.resolve("releases/1.0.0/quarkus-app/quarkus-run.jar")),
                "the previous release stays unpacked for a rollback");
        assertEquals(List.of("restart strongroom", "restart strongroom"), vault.systemctlCalls());
        assertTrue(second.out().contains("1.1.0 runs and is ready (previous: 1.0.0"), second.out());
    }

    @Test
    void aReleaseThatNeverBecomesReadyIsRolledBackToTheOneBefore() throws IOException {
        assertEquals(0, script.run("strongroom-release.sh", "install", "1.1.0").exit());

        HostScript.Result broken = script.run("strongroom-release.sh", "install", "1.2.0");

        assertEquals(2, broken.exit(), broken.both());
        assertEquals("releases/1.1.0", link("current"));
        assertEquals(List.of("restart strongroom", "restart strongroom", "restart strongroom"), vault.systemctlCalls(),
                "started 1.1.0, then 1.2.0, then 1.1.0 again");
        assertTrue(broken.err().contains("1.2.0 did not become ready within 8s"), broken.err());
        assertTrue(broken.err().contains("rolled back to 1.1.0, which is ready again"), broken.err());
    }

    @Test
    void rollbackSwitchesBackToThePreviousReleaseAndWaitsUntilItIsReady() throws IOException {
        assertEquals(0, script.run("strongroom-release.sh", "install", "1.0.0").exit());
        assertEquals(0, script.run("strongroom-release.sh", "install", "1.1.0").exit());

        HostScript.Result rollback = script.run("strongroom-release.sh", "rollback");

        assertEquals(0, rollback.exit(), rollback.both());
        assertEquals("releases/1.0.0", link("current"));
        assertEquals("releases/1.1.0", link("previous"), "a rollback can itself be rolled back");
        assertEquals(3, vault.systemctlCalls().size());
        assertTrue(rollback.out().contains("rolled back from 1.1.0 to 1.0.0, which is ready"), rollback.out());
    }

    @Test
    void aTamperedTarballAForeignSignatureAndACopiedReleaseAreRefusedBeforeAnythingChanges() throws IOException {
        assertEquals(0, script.run("strongroom-release.sh", "install", "1.0.0").exit());

        HostScript.Result tampered = script.run("strongroom-release.sh", "install", "2.0.0");
        HostScript.Result foreign = script.run("strongroom-release.sh", "install", "3.0.0");
        HostScript.Result copied = script.run("strongroom-release.sh", "install", "9.9.9");
        HostScript.Result missing = script.run("strongroom-release.sh", "install", "4.0.0");

        assertEquals(1, tampered.exit(), tampered.both());
        assertTrue(tampered.err().contains("strongroom-2.0.0.tar.gz does not match the checksum its signed SHA256SUMS"
                + " gives; nothing was changed"), tampered.err());
        assertEquals(1, foreign.exit(), foreign.both());
        assertTrue(foreign.err().contains("the signature of SHA256SUMS for 3.0.0 does not verify with " + releaseKey),
                foreign.err());
        assertEquals(1, copied.exit(), copied.both());
        assertTrue(copied.err().contains("the signed SHA256SUMS does not name strongroom-9.9.9.tar.gz"), copied.err());
        assertEquals(1, missing.exit(), missing.both());
        assertEquals("releases/1.0.0", link("current"));
        assertEquals(List.of("restart strongroom"), vault.systemctlCalls(), "no refused release was ever started");
        try (var releases = Files.list(root.resolve("releases"))) {
            assertEquals(List.of("1.0.0"), releases.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void onlyAReleaseVersionIsAcceptedSoNoArgumentReachesAShellOrAPath() {
        for (String hostile : List.of("1.0.0; reboot", "$(id)", "../../etc", "1.0.0\n2.0.0", "1.0", "")) {
            HostScript.Result refused = script.run("strongroom-release.sh", "install", hostile);
            assertEquals(1, refused.exit(), hostile + ": " + refused.both());
            assertTrue(refused.err().contains("is not a release version"), refused.err());
        }
        assertEquals(List.of(), vault.systemctlCalls());
    }

    @Test
    void aFirstReleaseThatNeverBecomesReadyLeavesTheVaultDownAndSaysSo() {
        HostScript.Result broken = script.run("strongroom-release.sh", "install", "1.2.0");

        assertEquals(3, broken.exit(), broken.both());
        assertTrue(broken.err().contains("there is no earlier release to go back to: the vault is down"), broken.err());
    }

    @Test
    void aPublishedVersionIsNeverReplaced() throws IOException {
        HostScript.Result again = new HostScript(host.resolve("bin"), AwsCli.environment(moto, REGION)).run(
                "publish-release.sh", "1.0.0", tarball("1.0.0", StandInVault.NEVER_READY), "--bucket", BUCKET, "--key",
                releaseKey, "--region", REGION);

        assertEquals(1, again.exit(), again.both());
        assertTrue(again.err().contains("already holds a release; publish a new version instead"), again.err());
        assertEquals(0, script.run("strongroom-release.sh", "install", "1.0.0").exit(), "the original is what installs");
        assertFalse(vault.systemctlCalls().isEmpty());
    }

    private String link(String name) throws IOException {
        return Files.readSymbolicLink(root.resolve(name)).toString();
    }

    private static String newSigningKey() {
        return AwsCli.run(moto, REGION, List.of("kms", "create-key", "--key-spec", "ECC_NIST_P256", "--key-usage",
                "SIGN_VERIFY")).at("/KeyMetadata/Arn").asText();
    }

    /** A release tarball as the README builds it, whose quarkus-run.jar tells the stand-in vault how it behaves. */
    private static String tarball(String version, String behaviour) throws IOException {
        Path content = Files.createDirectories(tarballs.resolve("content-" + version + "-" + behaviour.hashCode())
                .resolve("quarkus-app"));
        Files.writeString(content.resolve("quarkus-run.jar"), behaviour + "\n");
        Path tarball = tarballs.resolve("strongroom-" + version + "-" + behaviour.hashCode() + ".tar.gz");
        try {
            Process tar = new ProcessBuilder("tar", "-czf", tarball.toString(), "-C", content.getParent().toString(),
                    "quarkus-app").inheritIO().start();
            assertTrue(tar.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) && tar.exitValue() == 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return tarball.toString();
    }
}
