package org.returnflow.notification.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** Where the consulate of a receiving state is told, by the state's ISO 3166-1 alpha-3 code. */
@Entity
@Table(name = "consulate")
public class Consulate {

    @Id
    @Column(name = "country")
    private String country;
    @Column(name = "name", nullable = false)
    private String name;
    @Column(name = "email", nullable = false)
    private String email;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Consulate() {
    }

    public Consulate(String country, String name, String email, Instant now) {
        this.country = country;
        update(name, email, now);
    }

    void update(String name, String email, Instant now) {
        this.name = name;
        this.email = email;
        this.updatedAt = now;
    }

    public String country() { return country; }
    public String name() { return name; }
    public String email() { return email; }
    public Instant updatedAt() { return updatedAt; }
}
