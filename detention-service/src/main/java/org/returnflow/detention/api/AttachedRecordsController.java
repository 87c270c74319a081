package org.returnflow.detention.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.returnflow.detention.api.DetaineeRequests.AddMedicalClearance;
import org.returnflow.detention.api.DetaineeRequests.AddPropertyItem;
import org.returnflow.detention.api.DetaineeRequests.AddResidencePermit;
import org.returnflow.detention.api.DetaineeRequests.AddTravelDocument;
import org.returnflow.detention.api.DetaineeRequests.LiftLegalHold;
import org.returnflow.detention.api.DetaineeRequests.PlaceLegalHold;
import org.returnflow.detention.api.DetaineeViews.LegalHoldView;
import org.returnflow.detention.api.DetaineeViews.MedicalClearanceView;
import org.returnflow.detention.api.DetaineeViews.PropertyItemView;
import org.returnflow.detention.api.DetaineeViews.ResidencePermitView;
import org.returnflow.detention.api.DetaineeViews.TravelDocumentView;
import org.returnflow.detention.domain.DetaineeRecords;
import org.returnflow.detention.domain.PropertyStatus;
import org.returnflow.platform.web.BadRequestException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.util.UUID;

/**
 * The records attached to a person in custody: residence permits, legal holds, travel documents,
 * fit-to-fly clearances and property. Every write is audited under the token's principal.
 */
@RestController
@RequestMapping("/api/detainees/{id}")
@Tag(name = "attached records", description = "Permits, legal holds, travel documents, clearances, property")
class AttachedRecordsController {

    private final DetaineeRecords records;

    AttachedRecordsController(DetaineeRecords records) {
        this.records = records;
    }

    @PostMapping("/residence-permits")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Record a residence permit; while valid it blocks removal without a reviewed override")
    ResidencePermitView addResidencePermit(@PathVariable UUID id, @Valid @RequestBody AddResidencePermit request) {
        notBefore(request.validFrom(), request.validUntil(), "validFrom");
        Reach.require(records, id);
        return ResidencePermitView.of(records.addResidencePermit(id, request.type().strip(), request.number().strip(),
                request.validFrom(), request.validUntil()), false);
    }

    @PostMapping("/legal-holds")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Place a legal hold; publishes LegalHoldPlaced")
    LegalHoldView placeHold(@PathVariable UUID id, @Valid @RequestBody PlaceLegalHold request) {
        Reach.require(records, id);
        return LegalHoldView.of(records.placeHold(id, request.kind(), request.reference().strip()), false);
    }

    @PostMapping("/legal-holds/{holdId}/lift")
    @Operation(summary = "Lift an active legal hold with a reason; publishes LegalHoldLifted; 409 when lifted already")
    LegalHoldView liftHold(@PathVariable UUID id, @PathVariable UUID holdId,
                           @Valid @RequestBody LiftLegalHold request) {
        Reach.require(records, id);
        return LegalHoldView.of(records.liftHold(id, holdId, request.reason().strip()), false);
    }

    @PostMapping("/travel-documents")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Record a travel document")
    TravelDocumentView addTravelDocument(@PathVariable UUID id, @Valid @RequestBody AddTravelDocument request) {
        Reach.require(records, id);
        return TravelDocumentView.of(records.addTravelDocument(id, request.kind(), request.number().strip(),
                request.issuingCountry(), request.validUntil()), false);
    }

    @PostMapping("/medical-clearances")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Record a fit-to-fly assessment")
    MedicalClearanceView addMedicalClearance(@PathVariable UUID id, @Valid @RequestBody AddMedicalClearance request) {
        notBefore(request.assessedOn(), request.validUntil(), "assessedOn");
        Reach.require(records, id);
        return MedicalClearanceView.of(records.addMedicalClearance(id, request.fitToFly(), request.assessedOn(),
                request.validUntil()), false);
    }

    @PostMapping("/property")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Take a property item or identity document into safekeeping (status HELD)")
    PropertyItemView addProperty(@PathVariable UUID id, @Valid @RequestBody AddPropertyItem request) {
        Reach.require(records, id);
        return PropertyItemView.of(records.addProperty(id, request.kind(), request.description().strip()), false);
    }

    @PostMapping("/property/{itemId}/packed")
    @Operation(summary = "Mark a HELD item packed to travel with the person")
    PropertyItemView packed(@PathVariable UUID id, @PathVariable UUID itemId) {
        Reach.require(records, id);
        return PropertyItemView.of(records.moveProperty(id, itemId, PropertyStatus.PACKED), false);
    }

    @PostMapping("/property/{itemId}/returned")
    @Operation(summary = "Mark an item handed back to the person")
    PropertyItemView returned(@PathVariable UUID id, @PathVariable UUID itemId) {
        Reach.require(records, id);
        return PropertyItemView.of(records.moveProperty(id, itemId, PropertyStatus.RETURNED), false);
    }

    static void notBefore(LocalDate first, LocalDate validUntil, String firstField) {
        if (validUntil.isBefore(first)) {
            throw new BadRequestException("validUntil must not be before " + firstField, "validUntil");
        }
    }
}
