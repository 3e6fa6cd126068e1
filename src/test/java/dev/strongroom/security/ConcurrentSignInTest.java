package dev.strongroom.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.strongroom.support.Vault;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ConcurrentSignInTest {

    @Test
    void manyFirstRequestsOfOneUserAtOnceAreCheckedOnceAndAllServed() throws Exception {
        String user = Vault.user("burst", "analyst");
        int clients = 12;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                statuses.add(pool.submit(() -> Vault.as(user).get("/api/documents").statusCode()));
            }
            for (Future<Integer> status : statuses) {
                assertEquals(200, status.get());
            }
        } finally {
            pool.shutdownNow();
        }
        String auditor = Vault.user("audrey", "auditor");
        int signIns = Vault.as(auditor).queryParam("actor", user).queryParam("action", "login.success")
                .get("/api/audit").then().statusCode(200).extract().path("total");
        assertEquals(1, signIns, "the burst's password was checked (and its sign-in audited) once, not per request");
    }
}
