package org.returnflow.flight.api;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.returnflow.flight.domain.CarrierManifest;
import org.returnflow.flight.domain.Flight;
import org.returnflow.flight.domain.PassengerDetails;
import org.returnflow.flight.domain.Stopover;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.function.Function;

/**
 * The carrier's manifest as PDF (Apache PDFBox), A4 landscape: the flight, its route with the
 * stopovers, its seats and escorts, then one row per active entry in seat order, with the table
 * header repeated on every page, page numbers, and signature lines at the end. Times are UTC.
 */
final class ManifestPdf {

    private static final float MARGIN = 36;
    private static final PDRectangle PAGE = new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth());
    private static final float WIDTH = PAGE.getWidth() - 2 * MARGIN;
    private static final float ROW = 13;
    private static final float TEXT = 8;
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private final PDDocument doc = new PDDocument();
    private final CarrierManifest manifest;
    private final List<Column> columns;
    private PDPageContentStream page;
    private float y;

    /** A column of the passenger table: its heading, its width (points, or a share when widened) and its cell. */
    private record Column(String heading, float weight, Function<CarrierManifest.Row, String> cell) {
    }

    private ManifestPdf(CarrierManifest manifest) {
        this.manifest = manifest;
        this.columns = columns(manifest.namesShown());
    }

    static byte[] render(CarrierManifest manifest) {
        try {
            return new ManifestPdf(manifest).write();
        } catch (IOException e) {
            throw new UncheckedIOException("The manifest PDF could not be written", e);
        }
    }

    private byte[] write() throws IOException {
        try (doc) {
            Flight f = manifest.flight();
            var info = doc.getDocumentInformation();
            info.setTitle("Passenger manifest " + f.getFlightNumber() + " " + TIME.format(f.getDepartureAt()));
            info.setSubject("Carrier's manifest of charter flight " + f.getId());
            info.setCreator("Returnflow flight-service");
            info.setCreationDate(GregorianCalendar.from(manifest.generatedAt().atZone(ZoneOffset.UTC)));
            newPage();
            flightHeader(f);
            tableHeader();
            int n = 0;
            for (CarrierManifest.Row row : manifest.rows()) {
                if (y - ROW < MARGIN + 24) {
                    newPage();
                    text(bold, 10, MARGIN, y, "Passenger manifest " + f.getFlightNumber() + " (continued)");
                    y -= 18;
                    tableHeader();
                }
                tableRow(++n, row);
            }
            if (manifest.rows().isEmpty()) {
                text(regular, 9, MARGIN, y - 10, "No passengers hold a seat on this flight.");
                y -= ROW + 6;
            }
            signatures();
            page.close();
            footers();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        }
    }

    private void flightHeader(Flight f) throws IOException {
        text(bold, 16, MARGIN, y, "Passenger manifest  " + f.getFlightNumber());
        textRight(bold, 11, MARGIN + WIDTH, y, f.getStatus().name());
        y -= 16;
        text(regular, 9, MARGIN, y, "Operator " + f.getOperator() + "   Destination country " + f.getDestinationCountry()
                + "   Flight id " + f.getId());
        y -= 20;

        float routeTop = y;
        float[] legs = {MARGIN, MARGIN + 80, MARGIN + 200};
        text(bold, 9, legs[0], y, "Airport");
        text(bold, 9, legs[1], y, "Arrives");
        text(bold, 9, legs[2], y, "Departs");
        y -= 4;
        rule(MARGIN, MARGIN + 320, y);
        y -= 11;
        text(regular, 9, legs[0], y, f.getDepartureAirport());
        text(regular, 9, legs[1], y, "-");
        text(regular, 9, legs[2], y, TIME.format(f.getDepartureAt()));
        for (Stopover stop : f.getStopovers()) {
            y -= 12;
            text(regular, 9, legs[0], y, stop.airport() + " (stopover)");
            text(regular, 9, legs[1], y, TIME.format(stop.arriveAt()));
            text(regular, 9, legs[2], y, TIME.format(stop.departAt()));
        }
        y -= 12;
        text(regular, 9, legs[0], y, f.getArrivalAirport());
        text(regular, 9, legs[1], y, "arrival");
        text(regular, 9, legs[2], y, "-");
        float routeBottom = y;

        float x = MARGIN + 370;
        y = routeTop;
        text(bold, 9, x, y, "Seats");
        y -= 15;
        List<String> escorts = f.escortSeatLabels();
        text(regular, 9, x, y, "Capacity " + f.getSeatCapacity() + ", of which " + f.getEscortSeats()
                + " for escorts and " + f.getSeatsForReturnees() + " for returnees");
        y -= 12;
        text(regular, 9, x, y, "Escort seats: " + (escorts.isEmpty() ? "none" : String.join(" ", escorts)));
        y -= 12;
        text(regular, 9, x, y, "On the manifest " + manifest.rows().size() + ", boarded " + manifest.boardedCount());
        if (f.getRescheduledAt() != null) {
            y -= 12;
            text(regular, 9, x, y, "Rescheduled " + TIME.format(f.getRescheduledAt()) + " (" + f.getRescheduleReason()
                    + "); first planned for " + TIME.format(f.getOriginalDepartureAt()));
        }
        y = Math.min(y, routeBottom) - 22;
    }

    private void tableHeader() throws IOException {
        page.setNonStrokingColor(0.88f, 0.88f, 0.88f);
        page.addRect(MARGIN, y - 4, WIDTH, ROW);
        page.fill();
        page.setNonStrokingColor(0f, 0f, 0f);
        float x = MARGIN;
        for (Column c : columns) {
            float w = width(c);
            text(bold, TEXT, x + 2, y, fit(bold, c.heading(), w - 4));
            x += w;
        }
        y -= ROW;
    }

    private void tableRow(int n, CarrierManifest.Row row) throws IOException {
        float x = MARGIN;
        for (Column c : columns) {
            float w = width(c);
            String value = c.heading().equals("No.") ? String.valueOf(n) : c.cell().apply(row);
            text(regular, TEXT, x + 2, y, fit(regular, value == null ? "" : value, w - 4));
            x += w;
        }
        page.setStrokingColor(0.8f, 0.8f, 0.8f);
        rule(MARGIN, MARGIN + WIDTH, y - 4);
        page.setStrokingColor(0f, 0f, 0f);
        y -= ROW;
    }

    private void signatures() throws IOException {
        if (y < MARGIN + 70) {
            newPage();
        }
        y -= 36;
        float w = WIDTH / 3;
        String[] who = {"Pilot in command", "Carrier's representative", "Escort leader"};
        for (int i = 0; i < who.length; i++) {
            float x = MARGIN + i * w;
            rule(x, x + w - 24, y);
            text(regular, 8, x, y - 10, who[i] + ": name, signature, date");
        }
    }

    private void footers() throws IOException {
        int total = doc.getNumberOfPages();
        String left = "Generated " + TIME.format(manifest.generatedAt()) + " by " + manifest.generatedBy()
                + (manifest.namesShown() ? "   Contains names: handle as personal data"
                : "   Names not shown") + "   Flight " + manifest.flight().getFlightNumber();
        for (int i = 0; i < total; i++) {
            try (PDPageContentStream footer = new PDPageContentStream(doc, doc.getPage(i),
                    PDPageContentStream.AppendMode.APPEND, true, true)) {
                page = footer;
                text(regular, 7, MARGIN, MARGIN - 14, left);
                textRight(regular, 7, MARGIN + WIDTH, MARGIN - 14, "Page " + (i + 1) + " of " + total);
            }
        }
    }

    private void newPage() throws IOException {
        if (page != null) {
            page.close();
        }
        PDPage p = new PDPage(PAGE);
        doc.addPage(p);
        page = new PDPageContentStream(doc, p);
        y = PAGE.getHeight() - MARGIN - 10;
    }

    private float width(Column c) {
        float total = 0;
        for (Column each : columns) {
            total += each.weight();
        }
        return WIDTH * c.weight() / total;
    }

    private void rule(float x1, float x2, float at) throws IOException {
        page.setLineWidth(0.5f);
        page.moveTo(x1, at);
        page.lineTo(x2, at);
        page.stroke();
    }

    private void text(PDType1Font font, float size, float x, float at, String s) throws IOException {
        page.beginText();
        page.setFont(font, size);
        page.newLineAtOffset(x, at);
        page.showText(printable(font, s));
        page.endText();
    }

    private void textRight(PDType1Font font, float size, float right, float at, String s) throws IOException {
        String p = printable(font, s);
        text(font, size, right - font.getStringWidth(p) / 1000 * size, at, p);
    }

    /** The text cut to fit the width, with a full stop where it was cut. */
    private static String fit(PDType1Font font, String s, float width) throws IOException {
        String p = printable(font, s);
        if (font.getStringWidth(p) / 1000 * TEXT <= width) {
            return p;
        }
        while (!p.isEmpty() && font.getStringWidth(p + ".") / 1000 * TEXT > width) {
            p = p.substring(0, p.length() - 1);
        }
        return p + ".";
    }

    /** The standard fonts encode WinAnsi only: anything else prints as '?', never fails the document. */
    private static String printable(PDType1Font font, String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            String ch = cp < 0x20 ? " " : new String(Character.toChars(cp));
            try {
                font.encode(ch);
                out.append(ch);
            } catch (IOException | IllegalArgumentException e) {
                out.append('?');
            }
        });
        return out.toString();
    }

    /**
     * The columns, in points. Identifiers and times get the width they need and are never cut; the
     * name takes what is left, and without names the columns share the spare width.
     */
    private List<Column> columns(boolean names) {
        List<Column> c = new ArrayList<>();
        c.add(new Column("No.", 20, r -> ""));
        c.add(new Column("Seat", 26, r -> r.entry().getSeat()));
        c.add(new Column("Case id", widthOf("00000000-0000-0000-0000-000000000000") + 8,
                r -> r.entry().getCaseId().toString()));
        c.add(new Column("Case number", 72, r -> r.details().caseNumber()));
        c.add(new Column("Nationality", 46, r -> r.details().nationality()));
        c.add(new Column("Document no.", 66, r -> r.details().documentNumber()));
        c.add(new Column("Issued by", 46, r -> r.details().documentIssuingCountry()));
        c.add(new Column("Valid until", 48, r -> str(r.details().documentValidUntil())));
        c.add(new Column("Status", 56, CarrierManifest.Row::state));
        c.add(new Column("Boarded", widthOf("2026-12-05 08:00 UTC") + 8, r -> time(r.entry().getBoardedAt())));
        float used = (float) c.stream().mapToDouble(Column::weight).sum();
        if (names) {
            c.add(8, new Column("Name (family, given)", WIDTH - used, r -> name(r.details())));
        }
        return c;
    }

    private float widthOf(String s) {
        try {
            return regular.getStringWidth(s) / 1000 * TEXT;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String name(PassengerDetails d) {
        if (!d.hasName()) {
            return "";
        }
        return (d.familyName() == null ? "" : d.familyName().toUpperCase()) + ", "
                + (d.givenName() == null ? "" : d.givenName());
    }

    private static String time(Instant at) {
        return at == null ? "" : TIME.format(at);
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }
}
