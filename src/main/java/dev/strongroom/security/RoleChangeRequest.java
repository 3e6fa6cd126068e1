package dev.strongroom.security;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A role change that grants admin, requested by one admin and waiting for a second; one per user. */
@Entity
@Table(name = "role_change_request")
public class RoleChangeRequest extends PanacheEntityBase {

    @Id
    public String id;
    public String username;
    /** The roles the user is to have, comma-separated as in {@link VaultUser#roles}. */
    public String roles;
    @Column(name = "requested_by")
    public String requestedBy;
    @Column(name = "requested_at")
    public Instant requestedAt;
}
