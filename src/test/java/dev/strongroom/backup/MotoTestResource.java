package dev.strongroom.backup;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import dev.strongroom.support.EmulatorInstalled;
import java.util.Map;

/**
 * Starts one provisioned moto_server for every @QuarkusTest (so the app boots once) and points the
 * vault at it. The vault reads credentials from the default chain; system properties are the link
 * of that chain a test JVM can set. Without moto_server and the aws CLI the app boots with backups
 * not configured, and every test that needs the emulator ({@link #emulator()}, {@link #require()})
 * is skipped with the reason (failed with CI=true); the others run.
 */
public class MotoTestResource implements QuarkusTestResourceLifecycleManager {

    private static MotoEmulator moto;

    @Override
    public Map<String, String> start() {
        if (!EmulatorInstalled.present()) {
            System.setProperty(PROPERTY, "");
            return Map.of();
        }
        moto = MotoEmulator.startProvisioned();
        System.setProperty("aws.accessKeyId", MotoEmulator.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", MotoEmulator.ACCESS_KEY);
        // Tests and this manager may live in different class loaders; system properties are shared.
        System.setProperty(PROPERTY, moto.handle());
        return moto.vaultConfig();
    }

    @Override
    public void stop() {
        if (moto != null) {
            moto.close();
        }
    }

    private static final String PROPERTY = "moto.test.handle";

    /** The emulator the running test app uses; skips the calling test when there is none. */
    public static MotoEmulator emulator() {
        require();
        return MotoEmulator.attach(System.getProperty(PROPERTY));
    }

    /** Skips the calling test (fails it with CI=true) when the test app runs without the emulator. */
    public static void require() {
        EmulatorInstalled.require();
    }
}
