package org.returnflow.detention.domain;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.returnflow.contracts.detention.CustodyStatus;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A person in custody, the system-of-record entry with the records attached to them. Names and
 * the date of birth stay in this service: messages carry the id, codes and dates only.
 */
@Entity
@Table(name = "detainee")
public class Detainee {

    /** Age at which a person is no longer a minor. */
    public static final int AGE_OF_MAJORITY = 18;

    @Id
    private UUID id;
    @Column(name = "case_number", nullable = false, unique = true, updatable = false)
    private String caseNumber;
    @Column(name = "given_name", nullable = false)
    private String givenName;
    @Column(name = "family_name", nullable = false)
    private String familyName;
    @Column(name = "date_of_birth", nullable = false)
    private LocalDate dateOfBirth;
    @Column(nullable = false, length = 3)
    private String nationality;
    @Column(name = "preferred_language", nullable = false)
    private String preferredLanguage;
    @Column(name = "facility_code", nullable = false)
    private String facilityCode;
    @Column(name = "detained_since", nullable = false)
    private LocalDate detainedSince;
    @Enumerated(EnumType.STRING)
    @Column(name = "custody_status", nullable = false)
    private CustodyStatus custodyStatus;
    @Column(name = "counsel_name")
    private String counselName;
    @Column(name = "counsel_email")
    private String counselEmail;
    @Column(name = "removal_order_issued_on")
    private LocalDate removalOrderIssuedOn;
    @Column(name = "removal_order_final")
    private Boolean removalOrderFinal;
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "guardian_id")
    private Detainee guardian;
    /** The removal case the workflow runs for this person, learned from its commands. */
    @Column(name = "open_case_id")
    private UUID openCaseId;
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;
    @Column(name = "created_by", nullable = false, updatable = false)
    private String createdBy;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Column(name = "updated_by", nullable = false)
    private String updatedBy;
    @Version
    private Long version;

    @OneToMany(mappedBy = "detainee", cascade = CascadeType.ALL)
    @OrderBy("validFrom, recordedAt")
    private List<ResidencePermit> residencePermits = new ArrayList<>();
    @OneToMany(mappedBy = "detainee", cascade = CascadeType.ALL)
    @OrderBy("placedAt")
    private List<LegalHold> legalHolds = new ArrayList<>();
    @OneToMany(mappedBy = "detainee", cascade = CascadeType.ALL)
    @OrderBy("validUntil, recordedAt")
    private List<TravelDocument> travelDocuments = new ArrayList<>();
    @OneToMany(mappedBy = "detainee", cascade = CascadeType.ALL)
    @OrderBy("assessedOn, recordedAt")
    private List<MedicalClearance> medicalClearances = new ArrayList<>();
    @OneToMany(mappedBy = "detainee", cascade = CascadeType.ALL)
    @OrderBy("recordedAt")
    private List<PropertyItem> property = new ArrayList<>();

    protected Detainee() {
    }

    public Detainee(UUID id, String caseNumber, Registration registration, Instant at, String by) {
        this.id = id;
        this.caseNumber = caseNumber;
        this.givenName = registration.givenName();
        this.familyName = registration.familyName();
        this.dateOfBirth = registration.dateOfBirth();
        this.nationality = registration.nationality();
        this.preferredLanguage = registration.preferredLanguage();
        this.facilityCode = registration.facilityCode();
        this.detainedSince = registration.detainedSince();
        this.custodyStatus = CustodyStatus.IN_CUSTODY;
        this.counselName = registration.counselName();
        this.counselEmail = registration.counselEmail();
        this.removalOrderIssuedOn = registration.removalOrderIssuedOn();
        this.removalOrderFinal = registration.removalOrderIssuedOn() == null ? null : registration.removalOrderFinal();
        this.createdAt = at;
        this.createdBy = by;
        this.updatedAt = at;
        this.updatedBy = by;
    }

    /** Whether the person is under 18 on a date. Someone born on 29 February turns 18 on 1 March in a common year. */
    public boolean minorOn(LocalDate date) {
        return Period.between(dateOfBirth, date).getYears() < AGE_OF_MAJORITY;
    }

    public boolean hasFinalRemovalOrderOn(LocalDate date) {
        return removalOrderIssuedOn != null && Boolean.TRUE.equals(removalOrderFinal)
                && !removalOrderIssuedOn.isAfter(date);
    }

    public List<LegalHold> activeHolds() {
        return legalHolds.stream().filter(LegalHold::active).toList();
    }

    public Optional<LegalHold> hold(UUID holdId) {
        return legalHolds.stream().filter(h -> h.id().equals(holdId)).findFirst();
    }

    public Optional<PropertyItem> propertyItem(UUID itemId) {
        return property.stream().filter(p -> p.id().equals(itemId)).findFirst();
    }

    void touch(Instant at, String by) {
        this.updatedAt = at;
        this.updatedBy = by;
    }

    void addResidencePermit(ResidencePermit permit) {
        residencePermits.add(permit);
    }

    void addLegalHold(LegalHold hold) {
        legalHolds.add(hold);
    }

    void addTravelDocument(TravelDocument document) {
        travelDocuments.add(document);
    }

    void addMedicalClearance(MedicalClearance clearance) {
        medicalClearances.add(clearance);
    }

    void addPropertyItem(PropertyItem item) {
        property.add(item);
    }

    void linkGuardian(Detainee guardian) {
        this.guardian = guardian;
    }

    void openCase(UUID caseId) {
        this.openCaseId = caseId;
    }

    void closeCase(UUID caseId) {
        if (caseId == null || caseId.equals(openCaseId)) {
            this.openCaseId = null;
        }
    }

    void changeCustody(CustodyStatus status) {
        this.custodyStatus = status;
    }

    /** Loads every attached record, so the detainee can be read after its transaction. */
    void loadRecords() {
        residencePermits.size();
        legalHolds.size();
        travelDocuments.size();
        medicalClearances.size();
        property.size();
        if (guardian != null) {
            guardian.custodyStatus();
        }
    }

    public UUID id() { return id; }
    public String caseNumber() { return caseNumber; }
    public String givenName() { return givenName; }
    public String familyName() { return familyName; }
    public LocalDate dateOfBirth() { return dateOfBirth; }
    public String nationality() { return nationality; }
    public String preferredLanguage() { return preferredLanguage; }
    public String facilityCode() { return facilityCode; }
    public LocalDate detainedSince() { return detainedSince; }
    public CustodyStatus custodyStatus() { return custodyStatus; }
    public String counselName() { return counselName; }
    public String counselEmail() { return counselEmail; }
    public boolean hasCounsel() { return counselEmail != null; }
    public LocalDate removalOrderIssuedOn() { return removalOrderIssuedOn; }
    public Boolean removalOrderFinal() { return removalOrderFinal; }
    public Optional<Detainee> guardian() { return Optional.ofNullable(guardian); }
    public UUID openCaseId() { return openCaseId; }
    public Instant createdAt() { return createdAt; }
    public String createdBy() { return createdBy; }
    public Instant updatedAt() { return updatedAt; }
    public String updatedBy() { return updatedBy; }
    public List<ResidencePermit> residencePermits() { return List.copyOf(residencePermits); }
    public List<LegalHold> legalHolds() { return List.copyOf(legalHolds); }
    public List<TravelDocument> travelDocuments() { return List.copyOf(travelDocuments); }
    public List<MedicalClearance> medicalClearances() { return List.copyOf(medicalClearances); }
    public List<PropertyItem> property() { return List.copyOf(property); }
}
