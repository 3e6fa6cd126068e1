package dev.strongroom.lease;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strongroom.jobs.JobLease;
import dev.strongroom.support.MutableClock;
import dev.strongroom.support.Vault;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two hosts on one catalog: two leases with different host ids over the vault's own datasource. */
@QuarkusTest
class CatalogJobLeaseTest {

    private static final Duration LEASE = Duration.ofMinutes(2);

    @Inject
    DataSource dataSource;

    private final MutableClock clock = new MutableClock(Instant.now());
    private final ExecutorService hosts = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopHosts() {
        hosts.shutdownNow();
    }

    private CatalogJobLease host(String id) {
        return new CatalogJobLease(dataSource, () -> id, LEASE, clock);
    }

    @Test
    void ofTwoHostsRacingForALeaseExactlyOneGetsItWhetherItIsNewOrExpired() throws Exception {
        CatalogJobLease a = host("host-a");
        CatalogJobLease b = host("host-b");
        for (int round = 0; round < 20; round++) {
            String name = "race-" + UUID.randomUUID();
            assertEquals(1, race(a, b, name), "a new lease, round " + round);
            clock.advance(LEASE.plusSeconds(1));
            assertEquals(1, race(a, b, name), "an expired lease, round " + round);
        }
    }

    @Test
    void aLeaseItsHolderLetExpireIsTakenOverByAnotherHost() {
        CatalogJobLease crashed = host("host-crashed");
        CatalogJobLease b = host("host-b");
        String name = "expiry-" + UUID.randomUUID();
        crashed.take(name);

        clock.advance(LEASE.minusSeconds(1));
        assertEquals("host-crashed", b.take(name).hostId(), "still live a second before it runs out");
        clock.advance(Duration.ofSeconds(1));
        JobLease.Holder taken = b.take(name);
        assertEquals("host-b", taken.hostId());
        assertEquals(clock.instant().plus(LEASE).truncatedTo(ChronoUnit.MILLIS), taken.expiresAt());
        assertFalse(crashed.renew(name), "the crashed host's renewal comes too late");
    }

    @Test
    void theHolderRenewsItsLeaseAndKeepsItPastTheFirstExpiry() {
        CatalogJobLease a = host("host-a");
        CatalogJobLease b = host("host-b");
        String name = "renew-" + UUID.randomUUID();
        a.take(name);

        clock.advance(LEASE.dividedBy(3));
        assertTrue(a.renew(name));
        clock.advance(LEASE.dividedBy(3).multipliedBy(2).plusSeconds(1));
        JobLease.Holder holder = b.take(name);
        assertEquals("host-a", holder.hostId(), "renewed, it outlives its first expiry");
        assertFalse(b.renew(name), "only the holder renews");
        assertEquals("host-a", a.take(name).hostId(), "the holder takes its own lease again");
    }

    @Test
    void aReleasedLeaseIsFreeForAnotherHostAtOnce() {
        CatalogJobLease a = host("host-a");
        CatalogJobLease b = host("host-b");
        String name = "release-" + UUID.randomUUID();
        a.take(name);
        b.release(name);
        assertEquals("host-a", b.take(name).hostId(), "a host releases only its own lease");

        a.release(name);
        assertEquals("host-b", b.take(name).hostId());
    }

    @Test
    void aReportStartedWhileAnotherHostHoldsTheReportsLeaseIsRefusedNamingThatHost() {
        CatalogJobLease elsewhere = new CatalogJobLease(dataSource, () -> "host-elsewhere", LEASE,
                Clock.systemUTC());
        String auditor = Vault.user("lease-aude", "auditor");
        assertEquals("host-elsewhere", elsewhere.take("compliance-report").hostId());
        try {
            Vault.as(auditor).contentType("application/json")
                    .body(Map.of("from", Instant.now().minus(Duration.ofDays(1)).toString()))
                    .post("/api/compliance/reports").then().statusCode(409)
                    .contentType("application/problem+json")
                    .body("type", endsWith("/held-by-another-host"))
                    .body("holderHostId", equalTo("host-elsewhere"))
                    .body("detail", containsString("host host-elsewhere"));
        } finally {
            elsewhere.release("compliance-report");
        }
    }

    /** How many of the two hosts, starting together, came out holding the lease. */
    private int race(CatalogJobLease a, CatalogJobLease b, String name) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        List<Future<Boolean>> got = new ArrayList<>();
        for (CatalogJobLease host : List.of(a, b)) {
            got.add(hosts.submit(() -> {
                start.await(10, TimeUnit.SECONDS);
                return host.take(name).hostId().equals(host.hostId());
            }));
        }
        int holders = 0;
        for (Future<Boolean> f : got) {
            holders += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
        }
        return holders;
    }
}
