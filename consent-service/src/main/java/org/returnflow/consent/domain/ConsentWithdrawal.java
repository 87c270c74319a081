package org.returnflow.consent.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

import java.time.Instant;
import java.util.UUID;

/** The withdrawal of consent given earlier, with its reason. Written once; never changed. */
@Entity
@Immutable
@Table(name = "consent_withdrawal")
public class ConsentWithdrawal {

    @Id
    @GeneratedValue(strategy = GenerationType.UUID)
    private UUID id;

    @Column(name = "consent_id", nullable = false)
    private UUID consentId;

    @Column(nullable = false)
    private String reason;

    @Column(name = "withdrawn_at", nullable = false)
    private Instant withdrawnAt;

    @Column(name = "recorded_by", nullable = false)
    private String recordedBy;

    protected ConsentWithdrawal() {
    }

    ConsentWithdrawal(UUID consentId, String reason, Instant withdrawnAt, String recordedBy) {
        this.consentId = consentId;
        this.reason = reason;
        this.withdrawnAt = withdrawnAt;
        this.recordedBy = recordedBy;
    }

    public UUID id() { return id; }
    public UUID consentId() { return consentId; }
    public String reason() { return reason; }
    public Instant withdrawnAt() { return withdrawnAt; }
    public String recordedBy() { return recordedBy; }
}
