package dev.strongroom.metadata.lambda;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.SendCommandResponse;

/**
 * Asks the EC2 host, through SSM Run Command, to give a deferred document to the vault's heavy lane.
 * The command is a shell line with {@code {sha256}} in it (by default it drops a file named after the
 * SHA-256 into the vault's hand-over directory, see docs/metadata.md). Only a checked hex SHA-256 is
 * ever put into it, so nothing from the event reaches the shell.
 */
public final class SsmHandover {

    private static final System.Logger LOG = System.getLogger(SsmHandover.class.getName());
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /** Which instance runs which SSM document with which command line. */
    public record Target(String instanceId, String document, String commandTemplate) {
        public Target {
            if (!commandTemplate.contains("{sha256}")) {
                throw new IllegalArgumentException("the SSM command must contain {sha256}: " + commandTemplate);
            }
        }
    }

    private final SsmClient ssm;
    private final Target target;

    public SsmHandover(SsmClient ssm, Target target) {
        this.ssm = ssm;
        this.target = target;
    }

    /** Sends the command; returns its command id. Throws when SSM refuses, so the event is retried. */
    public String request(String sha256, String objectKey) {
        if (!SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a SHA-256: " + sha256);
        }
        String command = target.commandTemplate().replace("{sha256}", sha256);
        SendCommandResponse sent = ssm.sendCommand(b -> b.instanceIds(target.instanceId())
                .documentName(target.document())
                .comment("strongroom metadata: heavy extraction of " + clip(objectKey))
                .parameters(Map.of("commands", List.of(command))));
        String id = sent.command().commandId();
        LOG.log(Level.INFO, "Asked {0} through SSM (command {1}) to extract {2} in its heavy lane",
                target.instanceId(), id, objectKey);
        return id;
    }

    /** SSM comments are at most 100 characters. */
    private static String clip(String key) {
        return key.length() <= 60 ? key : key.substring(0, 59) + "…";
    }
}
