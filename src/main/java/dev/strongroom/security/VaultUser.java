package dev.strongroom.security;

import dev.strongroom.http.Roles;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** A person or client that signs in. Roles are stored comma-separated. */
@Entity
@Table(name = "vault_user")
public class VaultUser extends PanacheEntityBase {

    @Id
    public String username;
    @Column(name = "password_hash")
    public String passwordHash;
    public String roles;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "created_by")
    public String createdBy;
    /** A disabled user cannot sign in, by password or by session cookie. */
    public boolean disabled;

    public Set<String> roleSet() {
        return splitRoles(roles);
    }

    static Set<String> splitRoles(String roles) {
        return Arrays.stream(roles.split(",")).filter(r -> !r.isBlank()).collect(Collectors.toCollection(TreeSet::new));
    }

    static String joinRoles(Set<String> roles) {
        return String.join(",", new TreeSet<>(roles));
    }
}
