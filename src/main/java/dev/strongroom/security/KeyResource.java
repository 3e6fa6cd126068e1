package dev.strongroom.security;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/keys/receipt")
@Tag(name = "Receipts")
@Authenticated
public class KeyResource {

    private final VaultKey key;

    public KeyResource(VaultKey key) {
        this.key = key;
    }

    @GET
    @Produces("application/x-pem-file")
    @Operation(summary = "The public key that verifies deposit receipts",
            description = "Ed25519, X.509 SubjectPublicKeyInfo in PEM. See docs/receipts.md for openssl verification.")
    @APIResponse(responseCode = "200", description = "PEM public key")
    public String publicKey() {
        return key.publicKeyPem();
    }
}
