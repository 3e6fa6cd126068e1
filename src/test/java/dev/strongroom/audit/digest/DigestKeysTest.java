package dev.strongroom.audit.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strongroom.storage.HostKeys;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DigestKeysTest {

    private static final Instant END = Instant.parse("2026-12-04T10:15:30.123Z");

    @Test
    void digestsLiveUnderTheHostPrefixOfTheHostWhoseChainTheySign() {
        String key = DigestKeys.digest("host-a", END, "rolling");
        assertEquals("hosts/host-a/digests/20261204T101530123Z-rolling.json", key);
        assertTrue(key.startsWith(HostKeys.of("host-a").digests()));
        assertEquals(HostKeys.of("host-a").digests(), DigestKeys.folder("host-a"));
        assertEquals(key + ".sig", DigestKeys.signature(key));
    }

    @Test
    void digestsOfEarlierReleasesAreReadFromTheirInstanceFolder() {
        assertEquals("audit-digests/strongroom-prod/", DigestKeys.legacyFolder("strongroom-prod"));
        String legacy = DigestKeys.legacyFolder("strongroom-prod") + DigestKeys.name(END, "rolling");
        assertEquals("20261204T101530123Z-rolling.json", DigestKeys.nameOf(legacy));
        assertEquals("strongroom-prod/20261204T101530123Z-rolling.json", DigestKeys.copyName(legacy));
        assertEquals("host-a/20261204T101530123Z-rolling.json",
                DigestKeys.copyName(DigestKeys.digest("host-a", END, "rolling")));
    }

    @Test
    void bothLayoutsReadAsOneChainOldestFirstByEndTime() {
        String legacyOld = "audit-digests/i/20261201T000000000Z-rolling.json";
        String legacyNewer = "audit-digests/i/20261202T000000000Z-shutdown.json";
        String hostNewest = DigestKeys.digest("host-a", END, "rolling");
        String hostMiddle = DigestKeys.digest("host-a", Instant.parse("2026-12-03T00:00:00Z"), "rolling");
        List<String> keys = DigestKeys.oldestFirst(List.of(hostNewest, hostNewest + ".sig", hostMiddle),
                List.of(legacyNewer, legacyOld + ".sig", legacyOld));
        assertEquals(List.of(legacyOld, legacyNewer, hostMiddle, hostNewest), keys);
        // A new key must sort after the legacy newest, though "audit-digests/" and "hosts/" compare the other way too.
        assertTrue(DigestKeys.BY_END.compare(hostMiddle, legacyNewer) > 0);
        assertTrue(DigestKeys.BY_END.compare("hosts/h/digests/20261130T000000000Z-rolling.json", legacyOld) < 0);
    }
}
