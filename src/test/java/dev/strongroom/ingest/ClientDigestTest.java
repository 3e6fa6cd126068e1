package dev.strongroom.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.strongroom.http.ProblemException;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The digest a client claims, in each spelling the README documents; a malformed one is a 400, never ignored. */
class ClientDigestTest {

    private static final String HEX = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    private static final String B64 = Base64.getEncoder().encodeToString(HexFormat.of().parseHex(HEX));

    @Test
    void xChecksumSha256InHexOrBase64() {
        assertEquals(HEX, ClientDigest.from(null, HEX));
        assertEquals(HEX, ClientDigest.from(null, HEX.toUpperCase()));
        assertEquals(HEX, ClientDigest.from(null, "  " + HEX + " "));
        assertEquals(HEX, ClientDigest.from(null, B64));
    }

    @Test
    void contentDigestInRfc9530Syntax() {
        assertEquals(HEX, ClientDigest.from("sha-256=:" + B64 + ":", null));
        assertEquals(HEX, ClientDigest.from("SHA-256 = :" + B64 + ":", null));
        assertEquals(HEX, ClientDigest.from("sha-512=:AAAA:, sha-256=:" + B64 + ":", null));
        assertEquals(HEX, ClientDigest.from("sha-256=:" + B64 + ":", "0".repeat(64)), "Content-Digest wins");
    }

    @Test
    void noDigestSentIsNoClaim() {
        assertNull(ClientDigest.from(null, null));
        assertNull(ClientDigest.from(" ", ""));
    }

    @ParameterizedTest
    @ValueSource(strings = { "abc", "zz7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", "AAAA",
            "not base64 at all!" })
    void aMalformedChecksumHeaderIsA400NamingTheHeader(String value) {
        ProblemException problem = assertThrows(ProblemException.class, () -> ClientDigest.from(null, value));

        assertEquals(400, problem.status());
        assertEquals("invalid-digest", problem.slug());
        assertEquals("x-checksum-sha256 must be a SHA-256 digest (32 bytes, base64 or 64 hex digits), got '" + value + "'",
                problem.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = { "md5=:AAAA:", "sha-256=" + HEX, "sha-256=:AAAA:" })
    void aMalformedContentDigestIsA400(String value) {
        ProblemException problem = assertThrows(ProblemException.class, () -> ClientDigest.from(value, null));

        assertEquals(400, problem.status());
        assertEquals("invalid-digest", problem.slug());
    }
}
