package dev.strongroom.backup;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Starts one provisioned moto_server for every @QuarkusTest (so the app boots once) and points the
 * vault at it. The vault reads credentials from the default chain; system properties are the link
 * of that chain a test JVM can set.
 */
public class MotoTestResource implements QuarkusTestResourceLifecycleManager {

    private static MotoEmulator moto;

    @Override
    public Map<String, String> start() {
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

    /** The emulator the running test app uses. */
    public static MotoEmulator emulator() {
        return MotoEmulator.attach(System.getProperty(PROPERTY));
    }
}
