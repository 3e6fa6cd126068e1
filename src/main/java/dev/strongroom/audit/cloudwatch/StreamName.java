package dev.strongroom.audit.cloudwatch;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * This instance's name: its log stream, and its folder under {@code audit-digests/}. Configured, or
 * the host name (unique per EC2 instance).
 */
public final class StreamName {

    private StreamName() {
    }

    public static String of(CloudWatchAuditConfig config) {
        String name = config.stream().filter(s -> !s.isBlank()).orElseGet(StreamName::hostName);
        // Stream names may not contain ':' or '*' and have at most 512 characters.
        String safe = name.strip().replace(':', '-').replace('*', '-');
        return safe.substring(0, Math.min(512, safe.length()));
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            String env = System.getenv("HOSTNAME");
            return env == null || env.isBlank() ? "strongroom" : env;
        }
    }
}
