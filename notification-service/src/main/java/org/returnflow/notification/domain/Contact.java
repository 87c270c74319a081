package org.returnflow.notification.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import org.returnflow.contracts.notification.RecipientType;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** The e-mail contact of a detained person or of their counsel, and the language to write in. */
@Entity
@Table(name = "contact")
public class Contact {

    /** A person's contact of one kind: one address for the person, one for counsel of record. */
    @Embeddable
    public record Key(
            @Column(name = "detainee_id", nullable = false) UUID detaineeId,
            @Enumerated(EnumType.STRING) @Column(name = "recipient_type", nullable = false) RecipientType recipientType)
            implements Serializable {
    }

    @EmbeddedId
    private Key key;
    @Column(name = "address", nullable = false)
    private String address;
    @Column(name = "locale", nullable = false)
    private String locale;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Contact() {
    }

    Contact(Key key, String address, String locale, Instant now) {
        this.key = key;
        update(address, locale, now);
    }

    void update(String address, String locale, Instant now) {
        this.address = address;
        this.locale = locale;
        this.updatedAt = now;
    }

    public Key key() { return key; }
    public String address() { return address; }
    public String locale() { return locale; }
    public Instant updatedAt() { return updatedAt; }
}
