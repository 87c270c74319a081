package org.returnflow.workflow.api;

import org.returnflow.contracts.workflow.CaseState;
import org.returnflow.workflow.domain.report.OperationReport;
import org.returnflow.workflow.domain.report.OperationReport.Finding;
import org.returnflow.workflow.domain.report.OperationReport.NoticeCounts;

import java.nio.charset.StandardCharsets;

/**
 * The operation report as one CSV table (RFC 4180, UTF-8, CRLF), so that any spreadsheet or script
 * reads every section: {@code section,item,measure,value}. A value a spreadsheet would take for a
 * formula (=, +, -, @ first) is prefixed with an apostrophe.
 */
final class OperationReportCsv {

    static final String HEADER = "section,item,measure,value";

    private final StringBuilder csv = new StringBuilder();

    private OperationReportCsv() {
        csv.append(HEADER).append("\r\n");
    }

    static byte[] render(OperationReport report) {
        OperationReportCsv out = new OperationReportCsv();
        OperationReport.Operation op = report.operation();
        out.row("operation", "id", "", op.id());
        out.row("operation", "name", "", op.name());
        out.row("operation", "destinationCountry", "", op.destinationCountry());
        out.row("operation", "createdAt", "", op.createdAt());
        out.row("operation", "createdBy", "", op.createdBy());
        out.row("report", "generatedAt", "", report.generatedAt());
        out.row("report", "facilities", "", report.facilities() == null ? "all" : String.join(" ", report.facilities()));
        out.row("report", "safeguards", "", report.ok() ? "every safeguard held" : "violations found");

        out.row("cases", "total", "count", report.cases().total());
        out.row("cases", "open", "count", report.cases().open());
        out.row("cases", "ended", "count", report.cases().ended());
        report.cases().byState().forEach((state, n) -> out.row("cases", state, "count", n));

        OperationReport.Voluntariness v = report.voluntariness();
        out.row("voluntariness", "voluntary", "count", v.voluntary());
        out.row("voluntariness", "notVoluntary", "count", v.notVoluntary());
        out.row("voluntariness", "notDecided", "count", v.notDecided());
        out.row("voluntariness", "throughInterpreter", "count", v.throughInterpreter());
        v.byStanding().forEach((standing, n) -> out.row("voluntariness", "standing " + standing, "count", n));

        for (OperationReport.BlockerMet b : report.blockers()) {
            out.row("blockers", b.code(), "cases", b.cases());
            out.row("blockers", b.code(), "openNow", b.openNow());
            out.row("blockers", b.code(), "overridden", b.overridden());
            b.nowByState().forEach((state, n) -> out.row("blockers", b.code(), "now " + state, n));
        }

        for (OperationReport.Manifest m : report.manifests()) {
            String flight = m.flightNumber() + " " + m.flightId();
            out.row("manifests", flight, "route", m.route());
            out.row("manifests", flight, "departureAt", m.departureAt());
            out.row("manifests", flight, "status", m.status());
            out.row("manifests", flight, "casesBooked", m.casesBooked());
            out.row("manifests", flight, "heldNow", m.heldNow());
            out.row("manifests", flight, "mostHeldAtOnce", m.mostHeldAtOnce());
            out.row("manifests", flight, "boarded", m.boarded());
            out.row("manifests", flight, "handedOver", m.handedOver());
            m.released().forEach((reason, n) -> out.row("manifests", flight, "released " + reason, n));
        }

        OperationReport.Notices n = report.notices();
        out.counts("all", new NoticeCounts(n.requested(), n.delivered(), n.failed(), n.awaiting()));
        out.row("notices", "all", "superseded", n.superseded());
        out.row("notices", "all", "peopleNotInTheirLanguage", n.peopleNotInTheirLanguage());
        n.byRecipient().forEach((recipient, c) -> out.counts("recipient " + recipient, c));
        n.byTemplate().forEach((template, c) -> out.counts("template " + template, c));
        for (OperationReport.Language l : n.languages()) {
            out.row("notices", "language " + l.recipientType() + " " + l.locale(), "delivered", l.delivered());
            out.row("notices", "language " + l.recipientType() + " " + l.locale(), "fallback", l.fallback());
        }

        OperationReport.Reverifications checks = report.reverifications();
        out.row("reverifications", "all", "requested", checks.requested());
        out.row("reverifications", "all", "answered", checks.answered());
        out.row("reverifications", "all", "casesCaught", checks.casesCaught());
        checks.caughtByCode().forEach((code, count) -> out.row("reverifications", "caught " + code, "cases", count));
        OperationReport.Remedies remedies = report.remedies();
        out.row("remedies", "all", "ordered", remedies.ordered());
        out.row("remedies", "all", "open", remedies.open());
        out.row("remedies", "all", "returned", remedies.returned());
        OperationReport.FearClaimWindows windows = report.fearClaimWindows();
        out.row("fearClaimWindows", "all", "opened", windows.opened());
        out.row("fearClaimWindows", "all", "openNow", windows.openNow());
        out.row("fearClaimWindows", "all", "closed", windows.closed());
        out.row("fearClaimWindows", "all", "withAssurance", windows.withAssurance());
        out.row("fearClaimWindows", "all", "byLocalOverride", windows.byLocalOverride());
        out.row("fearClaimWindows", "all", "casesHeldInWindow", windows.casesHeldInWindow());
        OperationReport.Monitoring monitoring = report.monitoring();
        out.row("monitoring", "all", "monitorsAssigned", monitoring.monitorsAssigned());
        out.row("monitoring", "all", "findings", monitoring.findings());
        monitoring.findingsByCode().forEach((code, count) -> out.row("monitoring", "finding " + code, "findings", count));

        for (Finding f : report.safeguards()) {
            out.row("safeguards", f.rule(), "status", f.status());
            out.row("safeguards", f.rule(), "statement", f.statement());
            out.row("safeguards", f.rule(), "checked", f.checked());
            out.row("safeguards", f.rule(), "violationCount", f.violationCount());
            f.violations().forEach(violation -> out.row("safeguards", f.rule(), "violation", violation));
            out.row("safeguards", f.rule(), "notVisible", f.notVisible());
        }
        report.notVisible().forEach(text -> out.row("notVisible", "", "", text));
        return out.csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void counts(String item, NoticeCounts c) {
        row("notices", item, "requested", c.requested());
        row("notices", item, "delivered", c.delivered());
        row("notices", item, "failed", c.failed());
        row("notices", item, "awaiting", c.awaiting());
    }

    private void row(String section, Object item, String measure, Object value) {
        csv.append(field(section)).append(',').append(field(item instanceof CaseState s ? s.name() : item)).append(',')
                .append(field(measure)).append(',').append(field(value)).append("\r\n");
    }

    /** One field: quoted when it holds a comma, a quote or a line break; defused when it looks like a formula. */
    static String field(Object value) {
        String text = value == null ? "" : value.toString();
        if (!text.isEmpty() && ("=+@\t\r".indexOf(text.charAt(0)) >= 0
                || text.charAt(0) == '-' && !text.matches("-\\d+(\\.\\d+)?"))) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
