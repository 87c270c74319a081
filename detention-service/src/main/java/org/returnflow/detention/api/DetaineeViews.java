package org.returnflow.detention.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.returnflow.contracts.detention.BlockerCode;
import org.returnflow.contracts.detention.CustodyStatus;
import org.returnflow.contracts.detention.EligibilityStage;
import org.returnflow.contracts.detention.LegalHoldKind;
import org.returnflow.detention.domain.ClaimDecision;
import org.returnflow.detention.domain.ClaimOutcome;
import org.returnflow.detention.domain.Blocker;
import org.returnflow.detention.domain.CustodyMovement;
import org.returnflow.detention.domain.FearClaim;
import org.returnflow.detention.domain.StatusClaim;
import org.returnflow.detention.domain.StatusClaimKind;
import org.returnflow.detention.domain.Detainee;
import org.returnflow.detention.domain.ExternalIdentifier;
import org.returnflow.detention.domain.Invalidation;
import org.returnflow.detention.domain.InvalidationReason;
import org.returnflow.detention.domain.LegalHold;
import org.returnflow.detention.domain.MedicalClearance;
import org.returnflow.detention.domain.PropertyItem;
import org.returnflow.detention.domain.PropertyKind;
import org.returnflow.detention.domain.PropertyStatus;
import org.returnflow.detention.domain.ResidencePermit;
import org.returnflow.detention.domain.TravelDocument;
import org.returnflow.detention.domain.TravelDocumentKind;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Response records with explicit fields (OWASP API3), never entities. A partner's view leaves
 * out names, the date of birth, counsel, document numbers, external identifiers and free-text
 * notes, and of legal holds their kind (an asylum claim is never disclosed to a partner), reference
 * and lift reason, of property items their description, and of blockers their detail (which names a
 * hold's kind): those fields are absent. {@code DetentionPartnerViewIT} asserts the exact field set.
 */
final class DetaineeViews {

    private DetaineeViews() {
    }

    record Registered(UUID id, String caseNumber) {
    }

    record DetaineeView(UUID id, String caseNumber, String givenName, String familyName, LocalDate dateOfBirth,
                        String nationality, String preferredLanguage, String facilityCode, LocalDate detainedSince,
                        CustodyStatus custodyStatus, CounselView counsel, boolean hasCounsel,
                        RemovalOrderView removalOrder, UUID guardianId, UUID openCaseId,
                        List<ResidencePermitView> residencePermits, List<LegalHoldView> legalHolds,
                        List<TravelDocumentView> travelDocuments, List<MedicalClearanceView> medicalClearances,
                        List<PropertyItemView> property, Map<String, String> externalIds,
                        List<CustodyMovementView> custodyHistory, List<StatusClaimView> statusClaims,
                        List<FearClaimView> fearClaims, long version, Instant createdAt,
                        String createdBy, Instant updatedAt, String updatedBy) {

        static DetaineeView of(Detainee d, boolean partner) {
            return new DetaineeView(d.id(), d.caseNumber(), partner ? null : d.givenName(),
                    partner ? null : d.familyName(), partner ? null : d.dateOfBirth(), d.nationality(),
                    d.preferredLanguage(), d.facilityCode(), d.detainedSince(), d.custodyStatus(),
                    partner || !d.hasCounsel() ? null : new CounselView(d.counselName(), d.counselEmail()),
                    d.hasCounsel(),
                    d.removalOrderIssuedOn() == null ? null
                            : new RemovalOrderView(d.removalOrderIssuedOn(), d.removalOrderFinal()),
                    d.guardian().map(Detainee::id).orElse(null), d.openCaseId(),
                    d.residencePermits().stream().map(p -> ResidencePermitView.of(p, partner)).toList(),
                    d.legalHolds().stream().map(h -> LegalHoldView.of(h, partner)).toList(),
                    d.travelDocuments().stream().map(t -> TravelDocumentView.of(t, partner)).toList(),
                    d.medicalClearances().stream().map(c -> MedicalClearanceView.of(c, partner)).toList(),
                    d.property().stream().map(p -> PropertyItemView.of(p, partner)).toList(),
                    partner ? null : externalIds(d.externalIds()),
                    d.movements().stream().map(m -> CustodyMovementView.of(m, partner)).toList(),
                    partner ? null : d.statusClaims().stream().map(StatusClaimView::of).toList(),
                    partner ? null : d.fearClaims().stream().map(FearClaimView::of).toList(),
                    d.version() == null ? 0 : d.version(),
                    d.createdAt(), d.createdBy(), d.updatedAt(), d.updatedBy());
        }

        private static Map<String, String> externalIds(List<ExternalIdentifier> held) {
            Map<String, String> byScheme = new LinkedHashMap<>();
            held.forEach(e -> byScheme.put(e.scheme(), e.value()));
            return byScheme;
        }
    }

    /** A transfer or release: where from, where to, why. */
    record CustodyMovementView(UUID id, CustodyMovement.Kind kind, String fromFacility, String toFacility,
                               String reason, String note, Instant at, String by) {
        static CustodyMovementView of(CustodyMovement m, boolean partner) {
            return new CustodyMovementView(m.id(), m.kind(), m.fromFacility(), m.toFacility(), m.reason(),
                    partner ? null : m.note(), m.movedAt(), m.movedBy());
        }
    }

    /** That a permit, travel document or clearance no longer counts: when, by whom, why. */
    record InvalidationView(Instant at, String by, InvalidationReason reason, String note) {
        static InvalidationView of(Invalidation i, boolean partner) {
            return new InvalidationView(i.at(), i.by(), i.reason(), partner ? null : i.note());
        }
    }

    /** One line of a list. */
    record DetaineeSummary(UUID id, String caseNumber, String givenName, String familyName, String nationality,
                           String facilityCode, LocalDate detainedSince, CustodyStatus custodyStatus) {

        static DetaineeSummary of(Detainee d, boolean partner) {
            return new DetaineeSummary(d.id(), d.caseNumber(), partner ? null : d.givenName(),
                    partner ? null : d.familyName(), d.nationality(), d.facilityCode(), d.detainedSince(),
                    d.custodyStatus());
        }
    }

    record CounselView(String name, String email) {
    }

    record RemovalOrderView(LocalDate issuedOn, @JsonProperty("isFinal") Boolean isFinal) {
    }

    record ResidencePermitView(UUID id, String type, String number, LocalDate validFrom, LocalDate validUntil,
                               Instant recordedAt, String recordedBy, InvalidationView invalidated) {
        static ResidencePermitView of(ResidencePermit p, boolean partner) {
            return new ResidencePermitView(p.id(), p.type(), partner ? null : p.number(), p.validFrom(),
                    p.validUntil(), p.recordedAt(), p.recordedBy(),
                    p.invalidation().map(i -> InvalidationView.of(i, partner)).orElse(null));
        }
    }

    /** The decision of a claim: outcome and reference, when, by whom, for whom. */
    record ClaimDecisionView(ClaimOutcome outcome, String reference, Instant decidedAt, String decidedBy,
                             String onBehalfOf) {
        static ClaimDecisionView of(ClaimDecision d) {
            return new ClaimDecisionView(d.outcome(), d.reference(), d.at(), d.by(), d.onBehalfOf());
        }
    }

    /**
     * A claim of US citizenship or lawful status; never shown to partners. {@code custodyStatus} is the
     * person's custody after the claim's latest change (an UPHELD decision releases them).
     */
    record StatusClaimView(UUID id, StatusClaimKind claim, String evidenceReference, boolean open,
                           Instant openedAt, String openedBy, ClaimDecisionView decision) {
        static StatusClaimView of(StatusClaim c) {
            return new StatusClaimView(c.id(), c.claim(), c.evidenceReference(), c.open(), c.openedAt(),
                    c.openedBy(), c.decision().map(ClaimDecisionView::of).orElse(null));
        }
    }

    /** The answer to a status claim's decision: the claim, and the person's custody after it. */
    record StatusClaimDecided(StatusClaimView claim, CustodyStatus custodyStatus) {
    }

    /** A fear claim and its PROTECTION_CLAIM hold; never shown to partners. */
    record FearClaimView(UUID id, String destinationCountry, LocalDate madeOn, String reference, UUID holdId,
                         boolean holdActive, boolean open, Instant recordedAt, String recordedBy,
                         ClaimDecisionView decision) {
        static FearClaimView of(FearClaim c) {
            return new FearClaimView(c.id(), c.destinationCountry(), c.madeOn(), c.reference(), c.hold().id(),
                    c.hold().active(), c.open(), c.recordedAt(), c.recordedBy(),
                    c.decision().map(ClaimDecisionView::of).orElse(null));
        }
    }

    record LegalHoldView(UUID id, LegalHoldKind kind, String reference, boolean active, Instant placedAt,
                         String placedBy, Instant liftedAt, String liftedBy, String liftReason) {
        static LegalHoldView of(LegalHold h, boolean partner) {
            return new LegalHoldView(h.id(), partner ? null : h.kind(), partner ? null : h.reference(), h.active(),
                    h.placedAt(), h.placedBy(), h.liftedAt(), h.liftedBy(), partner ? null : h.liftReason());
        }
    }

    record TravelDocumentView(UUID id, TravelDocumentKind kind, String number, String issuingCountry,
                              LocalDate validUntil, Instant recordedAt, String recordedBy,
                              InvalidationView invalidated) {
        static TravelDocumentView of(TravelDocument t, boolean partner) {
            return new TravelDocumentView(t.id(), t.kind(), partner ? null : t.number(), t.issuingCountry(),
                    t.validUntil(), t.recordedAt(), t.recordedBy(),
                    t.invalidation().map(i -> InvalidationView.of(i, partner)).orElse(null));
        }
    }

    record MedicalClearanceView(UUID id, boolean fitToFly, LocalDate assessedOn, LocalDate validUntil,
                                Instant recordedAt, String recordedBy, InvalidationView invalidated) {
        static MedicalClearanceView of(MedicalClearance c, boolean partner) {
            return new MedicalClearanceView(c.id(), c.fitToFly(), c.assessedOn(), c.validUntil(), c.recordedAt(),
                    c.recordedBy(), c.invalidation().map(i -> InvalidationView.of(i, partner)).orElse(null));
        }
    }

    record PropertyItemView(UUID id, PropertyKind kind, String description, PropertyStatus status,
                            Instant recordedAt, String recordedBy, Instant updatedAt, String updatedBy) {
        static PropertyItemView of(PropertyItem p, boolean partner) {
            return new PropertyItemView(p.id(), p.kind(), partner ? null : p.description(), p.status(), p.recordedAt(),
                    p.recordedBy(), p.updatedAt(), p.updatedBy());
        }
    }

    /** {@code GET /api/detainees/{id}/eligibility}: eligible exactly when there are no blockers. */
    record EligibilityView(UUID detaineeId, String destination, LocalDate on, EligibilityStage stage,
                           boolean eligible, List<BlockerView> blockers) {

        static EligibilityView of(UUID id, String destination, LocalDate on, EligibilityStage stage,
                                  List<Blocker> blockers, boolean partner) {
            return new EligibilityView(id, destination, on, stage, blockers.isEmpty(),
                    blockers.stream().map(b -> new BlockerView(b.code(), partner ? null : b.detail(), b.recordId()))
                            .toList());
        }
    }

    /** One blocker: its code, the record behind it and, for agencies, a sentence (absent for partners). */
    record BlockerView(BlockerCode code, String detail, UUID recordId) {
    }
}
