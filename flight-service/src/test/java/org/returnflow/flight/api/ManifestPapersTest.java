package org.returnflow.flight.api;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.returnflow.flight.domain.CarrierManifest;
import org.returnflow.flight.domain.Flight;
import org.returnflow.flight.domain.FlightPlan;
import org.returnflow.flight.domain.ManifestEntry;
import org.returnflow.flight.domain.PassengerDetails;
import org.returnflow.flight.domain.Stopover;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The papers as a carrier reads them: a CSV a parser takes line by line, and a PDF a reader opens. */
class ManifestPapersTest {

    static final Instant DEPARTURE = Instant.parse("2026-12-05T08:00:00Z");

    @Test
    void theCsvHasAHeaderAndOneLinePerActiveEntryAndNoNameColumnsWithoutNames() {
        CarrierManifest manifest = manifest(3, false);

        List<String> lines = lines(ManifestCsv.render(manifest));

        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).isEqualTo("seat,caseId,caseNumber,nationality,documentNumber,documentIssuingCountry,"
                + "documentValidUntil,state,bookedAt,boardedAt,handedOverAt");
        assertThat(lines.get(1).split(",", -1)).hasSize(11)
                .startsWith("1F", manifest.rows().get(0).entry().getCaseId().toString(), "RF-2026-000001", "IRN",
                        "P0000001", "IRN", "2029-01-31", "BOARDED");
        assertThat(String.join("\n", lines)).doesNotContainIgnoringCase("name");
    }

    @Test
    void theCsvShowsNamesOnlyWhenTheManifestDoes() {
        List<String> lines = lines(ManifestCsv.render(manifest(2, true)));

        assertThat(lines.get(0)).contains(",familyName,givenName,");
        assertThat(lines.get(1)).contains(",Rahimi,Dariush,");
    }

    @Test
    void thePdfOfAFullFlightIsAValidDocumentWithEverySeatOnItsPages() throws IOException {
        CarrierManifest manifest = manifest(120, true);

        byte[] pdf = ManifestPdf.render(manifest);
        String out = System.getProperty("manifest.pdf.out");
        if (out != null) {
            Files.write(Path.of(out), pdf);
        }

        assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertThat(doc.getNumberOfPages()).isBetween(3, 6);
            assertThat(doc.getDocumentInformation().getTitle()).startsWith("Passenger manifest RF2601");
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains("Passenger manifest  RF2601", "AEX", "DOH (stopover)", "IKA",
                    "Escort seats: 1A 1B 1C 1D 1E", "for returnees", "On the manifest 120, boarded 60",
                    "Page 1 of " + doc.getNumberOfPages(), "RAHIMI, Dariush", "RF-2026-000120", "Pilot in command");
            for (CarrierManifest.Row row : manifest.rows()) {
                assertThat(text).contains(row.entry().getCaseId().toString());
            }
        }
    }

    @Test
    void thePdfWithoutNamesHasNoNameColumnAndSaysSo() throws IOException {
        try (PDDocument doc = Loader.loadPDF(ManifestPdf.render(manifest(2, false)))) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains("Names not shown").doesNotContain("Name (family").doesNotContain("Rahimi");
        }
    }

    @Test
    void anEmptyManifestIsStillAPaper() throws IOException {
        try (PDDocument doc = Loader.loadPDF(ManifestPdf.render(manifest(0, false)))) {
            assertThat(doc.getNumberOfPages()).isEqualTo(1);
            assertThat(new PDFTextStripper().getText(doc)).contains("No passengers hold a seat");
        }
    }

    /** A flight AEX - DOH - IKA of 125 seats with 5 escorts, and n people on it, every other one boarded. */
    static CarrierManifest manifest(int n, boolean names) {
        Flight flight = new Flight(UUID.randomUUID(), new FlightPlan("RF2601", "Global Crossing Airlines", "AEX",
                DEPARTURE, List.of(new Stopover("DOH", DEPARTURE.plus(14, ChronoUnit.HOURS),
                DEPARTURE.plus(16, ChronoUnit.HOURS))), "IKA", "IRN", 125, 5), DEPARTURE.minus(30, ChronoUnit.DAYS));
        List<CarrierManifest.Row> rows = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            ManifestEntry entry = new ManifestEntry(flight.getId(), UUID.randomUUID(), i, flight.seatLabel(i),
                    DEPARTURE.minus(10, ChronoUnit.DAYS), 120, "IRN", "LA-JENA");
            if (i % 2 == 1) {
                entry.board("RF2601", DEPARTURE.minus(1, ChronoUnit.HOURS));
            }
            rows.add(new CarrierManifest.Row(entry, new PassengerDetails(entry.getCaseId(),
                    "RF-2026-%06d".formatted(i), "IRN", "P%07d".formatted(i), "IRN", LocalDate.parse("2029-01-31"),
                    names ? "Rahimi" : null, names ? "Dariush" : null)));
        }
        return new CarrierManifest(flight, rows, names, DEPARTURE.minus(2, ChronoUnit.HOURS), "flight-operations");
    }

    private static List<String> lines(byte[] csv) {
        String text = new String(csv, StandardCharsets.UTF_8);
        assertThat(text).endsWith("\r\n");
        return List.of(text.split("\r\n"));
    }
}
