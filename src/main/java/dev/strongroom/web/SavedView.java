package dev.strongroom.web;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A user's named set of document-list filters: the list's query string, replayed as a link. */
@Entity
@Table(name = "saved_view")
public class SavedView extends PanacheEntityBase {

    @Id
    public String id;
    @Column(updatable = false)
    public String owner;
    @Column(updatable = false)
    public String name;
    @Column(updatable = false)
    public String query;
    @Column(name = "created_at", updatable = false)
    public Instant createdAt;

    public String href() {
        return "/documents" + (query.isEmpty() ? "" : "?" + query);
    }
}
