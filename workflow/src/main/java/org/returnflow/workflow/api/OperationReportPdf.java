package org.returnflow.workflow.api;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.returnflow.contracts.workflow.CaseState;
import org.returnflow.workflow.domain.report.OperationReport;
import org.returnflow.workflow.domain.report.OperationReport.Finding;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.stream.Collectors;

/**
 * The operation report as a PDF for people who file papers: A4, Helvetica, every section of the
 * JSON report, each safeguard with what was checked, its violations (the first
 * {@value #VIOLATIONS_SHOWN}; the JSON and CSV list up to {@value Finding#MAX_LISTED}) and what the
 * workflow cannot see. Built with Apache PDFBox; characters the standard fonts cannot draw become
 * {@code ?}.
 */
final class OperationReportPdf {

    static final int VIOLATIONS_SHOWN = 25;
    private static final float MARGIN = 48;
    private static final float BODY = 9.5f;
    private static final float LEADING = 1.35f;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final PDDocument document;
    private final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private final PDType1Font italic = new PDType1Font(Standard14Fonts.FontName.HELVETICA_OBLIQUE);
    private final String footer;
    private PDPageContentStream page;
    private float y;
    private int pages;

    private OperationReportPdf(PDDocument document, String footer) {
        this.document = document;
        this.footer = footer;
    }

    static byte[] render(OperationReport report) {
        try (PDDocument document = new PDDocument()) {
            OperationReport.Operation op = report.operation();
            PDDocumentInformation info = document.getDocumentInformation();
            info.setTitle("Return operation report " + op.name());
            info.setSubject("Operation " + op.id());
            info.setCreator("Returnflow workflow");
            Calendar created = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
            created.setTimeInMillis(report.generatedAt().toEpochMilli());
            info.setCreationDate(created);
            OperationReportPdf pdf = new OperationReportPdf(document, "Returnflow | operation " + op.name() + " | "
                    + WHEN.format(report.generatedAt()));
            pdf.write(report);
            pdf.finishPage();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("The report could not be drawn as PDF", e);
        }
    }

    private void write(OperationReport r) throws IOException {
        OperationReport.Operation op = r.operation();
        text(bold, 16, "Return operation report: " + op.name());
        y -= 4;
        text(regular, BODY, "Operation " + op.id() + " to " + op.destinationCountry() + ", opened " + when(op.createdAt())
                + " by " + op.createdBy());
        text(regular, BODY, "Generated " + when(r.generatedAt()) + " from the workflow's records; "
                + (r.facilities() == null ? "every case of the operation." : "only the cases held at " + String.join(", ", r.facilities()) + "."));
        text(bold, BODY, r.ok() ? "Every safeguard held." : "SAFEGUARD VIOLATIONS: see the FAIL lines below.");

        heading("Cases by state");
        text(regular, BODY, r.cases().total() + " cases: " + r.cases().open() + " open, " + r.cases().ended() + " ended.");
        text(regular, BODY, counts(r.cases().byState(), true));

        heading("Voluntary versus not");
        OperationReport.Voluntariness v = r.voluntariness();
        text(regular, BODY, "Voluntary " + v.voluntary() + " (" + v.throughInterpreter() + " through an interpreter), not voluntary "
                + v.notVoluntary() + ", not decided " + v.notDecided() + ". Consent standing: "
                + (v.byStanding().isEmpty() ? "none recorded" : counts(v.byStanding(), false)) + ".");

        heading("Blockers met, and how those cases stand now");
        if (r.blockers().isEmpty()) {
            text(regular, BODY, "No case met a blocker.");
        }
        float[] blockerColumns = {0, 165, 205, 250, 300};
        row(bold, blockerColumns, "blocker", "cases", "open", "4 eyes", "now");
        for (OperationReport.BlockerMet b : r.blockers()) {
            row(regular, blockerColumns, b.code(), b.cases(), b.openNow(), b.overridden(), counts(b.nowByState(), false));
        }

        heading("Manifests (flights the cases held seats on)");
        if (r.manifests().isEmpty()) {
            text(regular, BODY, "No case held a seat.");
        }
        for (OperationReport.Manifest m : r.manifests()) {
            ensure(2 * line(BODY));
            text(bold, BODY, m.flightNumber() + "   " + m.route() + "   departs " + when(m.departureAt()) + "   " + m.status());
            text(regular, BODY, m.casesBooked() + " cases held a seat on it: " + m.heldNow() + " held now, at most "
                    + m.mostHeldAtOnce() + " at once; " + m.boarded() + " boarded, " + m.handedOver() + " handed over; released: "
                    + (m.released().isEmpty() ? "none" : counts(m.released(), false)) + ".", 12);
        }

        heading("Notices");
        OperationReport.Notices n = r.notices();
        text(regular, BODY, n.requested() + " requested: " + n.delivered() + " delivered, " + n.failed() + " failed, "
                + n.awaiting() + " awaiting an answer, " + n.superseded() + " superseded before an answer. "
                + n.peopleNotInTheirLanguage() + " people got their notice in a fallback language.");
        float[] noticeColumns = {0, 150, 215, 280, 335};
        row(bold, noticeColumns, "recipient / template", "requested", "delivered", "failed", "awaiting");
        for (Map.Entry<String, OperationReport.NoticeCounts> e : merged(n).entrySet()) {
            OperationReport.NoticeCounts c = e.getValue();
            row(regular, noticeColumns, e.getKey(), c.requested(), c.delivered(), c.failed(), c.awaiting());
        }
        text(regular, BODY, "Written in: " + (n.languages().isEmpty() ? "none delivered" : n.languages().stream()
                .map(l -> l.recipientType() + " " + l.locale() + " " + l.delivered() + (l.fallback() > 0 ? " (" + l.fallback() + " fallback)" : ""))
                .collect(Collectors.joining(", "))) + ".");

        heading("Re-verifications before departure");
        OperationReport.Reverifications checks = r.reverifications();
        text(regular, BODY, checks.requested() + " asked of detention, " + checks.answered() + " answered; " + checks.casesCaught()
                + " cases caught by a blocker no earlier answer had" + (checks.caughtByCode().isEmpty() ? "."
                : ": " + counts(checks.caughtByCode(), false) + "."));

        heading("Remedies");
        OperationReport.Remedies remedies = r.remedies();
        text(regular, BODY, remedies.ordered() + " ordered by a court: " + remedies.open() + " open, "
                + remedies.returned() + " returned.");

        heading("Fear-claim windows (third-country removals)");
        OperationReport.FearClaimWindows windows = r.fearClaimWindows();
        text(regular, BODY, windows.opened() + " opened: " + windows.openNow() + " open, " + windows.closed() + " closed; "
                + windows.withAssurance() + " shortened under a diplomatic assurance, " + windows.byLocalOverride()
                + " by the local override; " + windows.casesHeldInWindow() + " cases put under a legal hold while theirs ran.");

        heading("Independent monitoring");
        OperationReport.Monitoring monitoring = r.monitoring();
        text(regular, BODY, monitoring.monitorsAssigned() + " monitors assigned to the operation's flights; "
                + monitoring.findings() + " serious findings, each reviewed by supervisors"
                + (monitoring.findingsByCode().isEmpty() ? "." : ": " + counts(monitoring.findingsByCode(), false) + "."));

        heading("Safeguard audit (DESIGN.md S1-S10, from the workflow's records)");
        for (Finding f : r.safeguards()) {
            ensure(3 * line(BODY));
            text(bold, BODY, f.rule() + "  " + f.status() + "  " + f.statement());
            text(regular, BODY, "Checked: " + f.checked() + ".", 12);
            for (String violation : f.violations().subList(0, Math.min(VIOLATIONS_SHOWN, f.violations().size()))) {
                text(regular, BODY, "- " + violation, 12);
            }
            if (f.violationCount() > VIOLATIONS_SHOWN) {
                text(regular, BODY, "- ... and " + (f.violationCount() - VIOLATIONS_SHOWN) + " more (JSON or CSV).", 12);
            }
            text(italic, BODY, "Not visible here: " + f.notVisible(), 12);
            y -= 3;
        }

        heading("What the workflow cannot see");
        for (String text : r.notVisible()) {
            text(regular, BODY, "- " + text);
        }
    }

    private static Map<String, OperationReport.NoticeCounts> merged(OperationReport.Notices n) {
        Map<String, OperationReport.NoticeCounts> rows = new java.util.LinkedHashMap<>();
        n.byRecipient().forEach((k, c) -> rows.put(k, c));
        n.byTemplate().forEach((k, c) -> rows.put(k, c));
        return rows;
    }

    // ---- drawing ----

    private void heading(String title) throws IOException {
        ensure(4 * line(BODY));
        y -= 6;
        text(bold, 12, title);
        y -= 1;
    }

    private void text(PDType1Font font, float size, String text) throws IOException {
        text(font, size, text, 0);
    }

    /** Wrapped text, indented. */
    private void text(PDType1Font font, float size, String text, float indent) throws IOException {
        for (String line : wrap(font, size, drawable(font, text), width() - indent)) {
            ensure(line(size));
            y -= line(size);
            draw(font, size, MARGIN + indent, y, line);
        }
    }

    /** One table row: each cell cut to its column. */
    private void row(PDType1Font font, float[] columns, Object... cells) throws IOException {
        ensure(line(BODY));
        y -= line(BODY);
        for (int i = 0; i < cells.length; i++) {
            float right = i + 1 < columns.length ? columns[i + 1] - 4 : width();
            String cell = drawable(font, cells[i] == null ? "-" : String.valueOf(cells[i]));
            draw(font, BODY, MARGIN + columns[i], y, cut(font, BODY, cell, right - columns[i]));
        }
    }

    private void draw(PDType1Font font, float size, float x, float atY, String text) throws IOException {
        page.beginText();
        page.setFont(font, size);
        page.newLineAtOffset(x, atY);
        page.showText(text);
        page.endText();
    }

    private void ensure(float height) throws IOException {
        if (page == null || y - height < MARGIN + 14) {
            finishPage();
            PDPage next = new PDPage(PDRectangle.A4);
            document.addPage(next);
            page = new PDPageContentStream(document, next);
            pages++;
            y = next.getMediaBox().getHeight() - MARGIN;
        }
    }

    private void finishPage() throws IOException {
        if (page != null) {
            draw(regular, 7.5f, MARGIN, MARGIN - 10, drawable(regular, footer + " | page " + pages));
            page.close();
            page = null;
        }
    }

    private float width() {
        return PDRectangle.A4.getWidth() - 2 * MARGIN;
    }

    private static float line(float size) {
        return size * LEADING;
    }

    private static List<String> wrap(PDType1Font font, float size, String text, float width) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (line.isEmpty() || widthOf(font, size, candidate) <= width) {
                line.setLength(0);
                line.append(candidate);
            } else {
                lines.add(line.toString());
                line.setLength(0);
                line.append(word);
            }
            while (widthOf(font, size, line.toString()) > width && line.length() > 1) {
                String whole = line.toString();
                String head = cut(font, size, whole, width);
                lines.add(head);
                line.setLength(0);
                line.append(whole.substring(head.length()));
            }
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    private static String cut(PDType1Font font, float size, String text, float width) throws IOException {
        String cut = text;
        while (cut.length() > 1 && widthOf(font, size, cut) > width) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut;
    }

    private static float widthOf(PDType1Font font, float size, String text) throws IOException {
        return font.getStringWidth(text) / 1000 * size;
    }

    /** The text with every character the font cannot encode replaced, and line breaks as spaces. */
    static String drawable(PDType1Font font, String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            String c = cp == '\n' || cp == '\r' || cp == '\t' ? " " : cp == 0x2192 ? "->" : new String(Character.toChars(cp));
            try {
                font.encode(c);
                out.append(c);
            } catch (IOException | IllegalArgumentException e) {
                out.append('?');
            }
        });
        return out.toString();
    }

    private static String when(TemporalAccessor at) {
        return at == null ? "-" : WHEN.format(at);
    }

    private static String counts(Map<?, Long> counts, boolean skipZero) {
        return counts.entrySet().stream().filter(e -> !skipZero || e.getValue() > 0)
                .map(e -> (e.getKey() instanceof CaseState s ? s.name() : String.valueOf(e.getKey())) + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }
}
