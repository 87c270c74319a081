package org.returnflow.flight.api;

import org.returnflow.flight.domain.CarrierManifest;
import org.returnflow.flight.domain.ManifestEntry;
import org.returnflow.flight.domain.PassengerDetails;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The carrier's manifest as CSV (RFC 4180: comma, CRLF, quotes where needed): a header, then one
 * line per active entry in seat order. Name columns appear only when names are shown.
 */
final class ManifestCsv {

    private ManifestCsv() {
    }

    static byte[] render(CarrierManifest manifest) {
        List<String> header = new ArrayList<>(List.of("seat", "caseId", "caseNumber", "nationality", "documentNumber",
                "documentIssuingCountry", "documentValidUntil"));
        if (manifest.namesShown()) {
            header.addAll(List.of("familyName", "givenName"));
        }
        header.addAll(List.of("state", "bookedAt", "boardedAt", "handedOverAt"));
        StringBuilder csv = new StringBuilder();
        line(csv, header);
        for (CarrierManifest.Row row : manifest.rows()) {
            ManifestEntry e = row.entry();
            PassengerDetails d = row.details();
            List<Object> cells = new ArrayList<>(List.of(e.getSeat(), e.getCaseId(), blank(d.caseNumber()),
                    blank(d.nationality()), blank(d.documentNumber()), blank(d.documentIssuingCountry()),
                    blank(d.documentValidUntil())));
            if (manifest.namesShown()) {
                cells.add(blank(d.familyName()));
                cells.add(blank(d.givenName()));
            }
            cells.addAll(List.of(row.state(), e.getBookedAt(), blank(e.getBoardedAt()), blank(e.getHandedOverAt())));
            line(csv, cells);
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Object blank(Object value) {
        return value == null ? "" : value;
    }

    private static void line(StringBuilder csv, List<?> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(quoted(Objects.toString(cells.get(i))));
        }
        csv.append("\r\n");
    }

    private static String quoted(String cell) {
        if (cell.indexOf(',') < 0 && cell.indexOf('"') < 0 && cell.indexOf('\n') < 0 && cell.indexOf('\r') < 0) {
            return cell;
        }
        return '"' + cell.replace("\"", "\"\"") + '"';
    }
}
