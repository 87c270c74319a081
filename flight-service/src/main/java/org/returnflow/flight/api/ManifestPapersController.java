package org.returnflow.flight.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.returnflow.flight.domain.CarrierManifest;
import org.returnflow.flight.domain.ManifestPapers;
import org.returnflow.platform.audit.AuditLog;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * The carrier's manifest as papers: CSV and PDF. {@code GET} prints what flight knows (seats,
 * caseIds, booking and boarding, the route and the escorts); {@code POST} with the passengers'
 * details the caller read in detention prints them beside the seats, and keeps none of them.
 * Every paper is an audited read of the manifest; partners must give {@code ?purpose=}.
 */
@RestController
@RequestMapping("/api/flights/{id}")
@Tag(name = "flights")
class ManifestPapersController {

    static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private final ManifestPapers papers;

    ManifestPapersController(ManifestPapers papers) {
        this.papers = papers;
    }

    @GetMapping("/manifest.csv")
    @Operation(summary = "The manifest as CSV, one line per active entry: seat, caseId, state and times")
    ResponseEntity<byte[]> csv(@PathVariable UUID id,
                               @RequestParam(name = AuditLog.PURPOSE_PARAMETER, required = false) String purpose) {
        return paper(papers.carrierManifest(id, List.of()), CSV, "csv", ManifestCsv::render);
    }

    @GetMapping("/manifest.pdf")
    @Operation(summary = "The carrier's manifest as PDF: flight, route and stopovers, seats and escorts, one row "
            + "per active entry")
    ResponseEntity<byte[]> pdf(@PathVariable UUID id,
                               @RequestParam(name = AuditLog.PURPOSE_PARAMETER, required = false) String purpose) {
        return paper(papers.carrierManifest(id, List.of()), MediaType.APPLICATION_PDF, "pdf", ManifestPdf::render);
    }

    @PostMapping("/manifest.csv")
    @Operation(summary = "The manifest as CSV with the passengers' case number, nationality and travel document "
            + "(and names, for a caller with detention:read) that the caller gives; nothing is kept")
    ResponseEntity<byte[]> csvWithDetails(@PathVariable UUID id, @Valid @RequestBody CarrierManifestRequest request) {
        return paper(papers.carrierManifest(id, request.details()), CSV, "csv", ManifestCsv::render);
    }

    @PostMapping("/manifest.pdf")
    @Operation(summary = "The carrier's manifest as PDF with the passengers' case number, nationality and travel "
            + "document (and names, for a caller with detention:read) that the caller gives; nothing is kept")
    ResponseEntity<byte[]> pdfWithDetails(@PathVariable UUID id, @Valid @RequestBody CarrierManifestRequest request) {
        return paper(papers.carrierManifest(id, request.details()), MediaType.APPLICATION_PDF, "pdf",
                ManifestPdf::render);
    }

    private static ResponseEntity<byte[]> paper(CarrierManifest manifest, MediaType type, String extension,
                                                Function<CarrierManifest, byte[]> renderer) {
        String file = manifest.flight().getFlightNumber() + "-" + DAY.format(manifest.flight().getDepartureAt())
                + "-manifest." + extension;
        return ResponseEntity.ok()
                .contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(file).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(renderer.apply(manifest));
    }
}
