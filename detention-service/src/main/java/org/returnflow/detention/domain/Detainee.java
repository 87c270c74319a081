package org.returnflow.detention.domain;

import jakarta.persistence.CascadeType;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
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
import org.returnflow.contracts.detention.DetaineeRecordChange;
import org.returnflow.contracts.detention.DetaineeRecordChanged;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
    /** Duplicate detection's key: the phonetic keys of the given and the family name (NameKey.person). */
    @Column(name = "name_key")
    private String nameKey;
    /** Every phonetic key the person is found by (NameKey.searchKeys); written once, names are never patched. */
    @ElementCollection(fetch = FetchType.LAZY)
    @CollectionTable(name = "detainee_name_key", joinColumns = @JoinColumn(name = "detainee_id"))
    @Column(name = "name_key", nullable = false)
    private Set<String> searchKeys = new HashSet<>();

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
    @OneToMany(mappedBy = "detainee", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("scheme")
    private List<ExternalIdentifier> externalIds = new ArrayList<>();
    @OneToMany(mappedBy = "detainee", cascade = CascadeType.ALL)
    @OrderBy("movedAt")
    private List<CustodyMovement> movements = new ArrayList<>();
    @OneToMany(mappedBy = "detainee", cascade = CascadeType.ALL)
    @OrderBy("openedAt")
    private List<StatusClaim> statusClaims = new ArrayList<>();
    @OneToMany(mappedBy = "detainee", cascade = CascadeType.ALL)
    @OrderBy("recordedAt")
    private List<FearClaim> fearClaims = new ArrayList<>();

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
        this.nameKey = NameKey.person(givenName, familyName);
        this.searchKeys.addAll(NameKey.searchKeys(givenName, familyName));
        for (ExternalId externalId : registration.externalIds()) {
            externalIds.add(new ExternalIdentifier(UUID.randomUUID(), this, externalId, at, by));
        }
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

    /** Claims of US citizenship or lawful status not decided yet: each blocks removal (STATUS_CLAIM_PENDING). */
    public List<StatusClaim> openStatusClaims() {
        return statusClaims.stream().filter(StatusClaim::open).toList();
    }

    public Optional<StatusClaim> statusClaim(UUID claimId) {
        return statusClaims.stream().filter(c -> c.id().equals(claimId)).findFirst();
    }

    public Optional<FearClaim> fearClaim(UUID claimId) {
        return fearClaims.stream().filter(c -> c.id().equals(claimId)).findFirst();
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

    void addStatusClaim(StatusClaim claim) {
        statusClaims.add(claim);
    }

    void addFearClaim(FearClaim claim) {
        fearClaims.add(claim);
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

    void changeCounsel(String name, String email) {
        this.counselName = name;
        this.counselEmail = email;
    }

    void changePreferredLanguage(String language) {
        this.preferredLanguage = language;
    }

    void changeRemovalOrder(LocalDate issuedOn, Boolean isFinal) {
        this.removalOrderIssuedOn = issuedOn;
        this.removalOrderFinal = issuedOn == null ? null : isFinal;
    }

    /**
     * Makes the external identifiers exactly {@code wanted}: a new scheme is added, a changed value
     * is corrected in place, a scheme no longer wanted is removed.
     *
     * @return whether anything changed
     */
    boolean replaceExternalIds(List<ExternalId> wanted, Instant at, String by) {
        Map<String, ExternalId> byScheme = new LinkedHashMap<>();
        wanted.forEach(e -> byScheme.put(e.scheme(), e));
        boolean changed = externalIds.removeIf(e -> !byScheme.containsKey(e.scheme()));
        for (ExternalId next : byScheme.values()) {
            Optional<ExternalIdentifier> held = externalIds.stream().filter(e -> e.scheme().equals(next.scheme()))
                    .findFirst();
            if (held.isEmpty()) {
                externalIds.add(new ExternalIdentifier(UUID.randomUUID(), this, next, at, by));
                changed = true;
            } else if (!held.get().value().equals(next.value())) {
                held.get().correct(next, at, by);
                changed = true;
            }
        }
        return changed;
    }

    /** Moves the person to another facility; the movement is kept as history. */
    CustodyMovement transferTo(String facility, TransferReason reason, String note, Instant at, String by) {
        CustodyMovement movement = new CustodyMovement(UUID.randomUUID(), this, CustodyMovement.Kind.TRANSFER,
                facility, reason.name(), note, at, by);
        movements.add(movement);
        this.facilityCode = facility;
        return movement;
    }

    /** Releases the person from custody; the movement is kept as history. */
    CustodyMovement release(ReleaseReason reason, String note, Instant at, String by) {
        CustodyMovement movement = new CustodyMovement(UUID.randomUUID(), this, CustodyMovement.Kind.RELEASE, null,
                reason.name(), note, at, by);
        movements.add(movement);
        this.custodyStatus = CustodyStatus.RELEASED;
        return movement;
    }

    /** The event that tells an open case about a change: keyed by the open case when there is one. */
    DetaineeRecordChanged changed(DetaineeRecordChange change, boolean mayBlock, UUID recordId, String reasonCode,
                                  Instant at) {
        return new DetaineeRecordChanged(openCaseId, id, change, mayBlock, recordId, reasonCode, at);
    }

    /** Loads every attached record, so the detainee can be read after its transaction. */
    void loadRecords() {
        residencePermits.size();
        legalHolds.size();
        travelDocuments.size();
        medicalClearances.size();
        property.size();
        externalIds.size();
        movements.size();
        statusClaims.size();
        fearClaims.forEach(claim -> claim.hold().active());
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
    public List<ExternalIdentifier> externalIds() { return List.copyOf(externalIds); }
    public List<CustodyMovement> movements() { return List.copyOf(movements); }
    public List<StatusClaim> statusClaims() { return List.copyOf(statusClaims); }
    public List<FearClaim> fearClaims() { return List.copyOf(fearClaims); }
    public String nameKey() { return nameKey; }
    /** The optimistic-lock version: the ETag of the record. Null before the first save. */
    public Long version() { return version; }
}
