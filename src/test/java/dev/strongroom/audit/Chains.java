package dev.strongroom.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/** Journal lines made by the journal's own sealing rule, for tests that need a chain without a vault. */
public final class Chains {

    private Chains() {
    }

    /** Events 1..n, chained from the genesis hash. */
    public static List<String> of(int n) {
        List<String> lines = new ArrayList<>();
        String previous = AuditEvent.GENESIS_HASH;
        for (long seq = 1; seq <= n; seq++) {
            String line = line(seq, "document.view", new TreeMap<>(), previous);
            lines.add(line);
            previous = EventLine.claimedHash(line);
        }
        return lines;
    }

    public static String line(long seq, String action, SortedMap<String, String> detail, String prevHash) {
        return EventLine.seal(new AuditEvent(seq, "00000000-0000-0000-0000-" + String.format("%012d", seq),
                "2026-12-03T10:00:00Z", "alice", "analyst", action, "document/" + seq, Outcome.SUCCESS.value(), "127.0.0.1",
                "request-" + seq, detail.isEmpty() ? null : detail, prevHash, null));
    }

    /** A gap event sealing {@code from..to}, linked to {@code prevHash}, signed by {@code key}. */
    public static String gap(long from, long to, String prevHash, KeyPair key) throws GeneralSecurityException {
        String statement = SealedGap.statement(from, to, prevHash, "ada (admin)", "otto (auditor)", "lost in a test");
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(key.getPrivate());
        signer.update(statement.getBytes(StandardCharsets.UTF_8));
        SortedMap<String, String> detail = new TreeMap<>();
        detail.put("lostFrom", Long.toString(from));
        detail.put("lostTo", Long.toString(to));
        detail.put("proposedBy", "ada (admin)");
        detail.put("confirmedBy", "otto (auditor)");
        detail.put("reason", "lost in a test");
        detail.put("signature", Base64.getEncoder().encodeToString(signer.sign()));
        return line(to + 1, SealedGap.ACTION, detail, prevHash);
    }

    public static KeyPair key() throws GeneralSecurityException {
        return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    }
}
