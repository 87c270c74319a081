package org.returnflow.workflow.domain.report;

import org.returnflow.contracts.workflow.CaseState;
import org.returnflow.workflow.domain.report.OperationReport.BlockerMet;
import org.returnflow.workflow.domain.report.OperationReport.Cases;
import org.returnflow.workflow.domain.report.OperationReport.Finding;
import org.returnflow.workflow.domain.report.OperationReport.Language;
import org.returnflow.workflow.domain.report.OperationReport.Manifest;
import org.returnflow.workflow.domain.report.OperationReport.NoticeCounts;
import org.returnflow.workflow.domain.report.OperationReport.Notices;
import org.returnflow.workflow.domain.report.OperationReport.Voluntariness;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reports to render in tests: one with every section filled, with text that CSV and PDF must survive. */
public final class ReportSamples {

    public static final UUID OPERATION = UUID.fromString("3f0a9c1e-7b6d-4e2a-9f10-5c8d7e6b4a21");
    public static final UUID FLIGHT = UUID.fromString("9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d");

    private ReportSamples() {
    }

    /**
     * @param name    the operation's name, as an agency typed it
     * @param failing whether S1 found violations (as many as given)
     */
    public static OperationReport report(String name, int failing) {
        Instant at = Instant.parse("2026-12-01T09:30:00Z");
        Map<CaseState, Long> byState = new EnumMap<>(CaseState.class);
        for (CaseState s : CaseState.values()) {
            byState.put(s, 0L);
        }
        byState.put(CaseState.NOTIFIED, 3L);
        byState.put(CaseState.REMOVED, 2L);
        byState.put(CaseState.WITHDRAWN, 1L);
        List<String> violations = new ArrayList<>();
        for (int i = 0; i < failing; i++) {
            violations.add(UUID.nameUUIDFromBytes(("case" + i).getBytes()) + ": boarded RF101 at " + at
                    + " while an active legal hold stood (ACTIVE_LEGAL_HOLD)");
        }
        List<Finding> findings = new ArrayList<>();
        findings.add(Finding.of("S1", "no seat booked and nobody boarded under an active legal hold",
                "1 cases met an active legal hold; \"quoted\", with a comma", violations, "Holds are detention's."));
        for (int i = 2; i <= 10; i++) {
            findings.add(Finding.of("S" + i, "rule " + i, "checked " + i, List.of(), "not visible " + i));
        }
        return new OperationReport(new OperationReport.Operation(OPERATION, name, "IRN", at, "removal-operations"), at, null,
                new Cases(6, byState, 3, 3),
                new Voluntariness(4, 1, 1, Map.of("GIVEN", 4L, "DECLINED", 1L), 1),
                List.of(new BlockerMet("ACTIVE_LEGAL_HOLD", 1, 1, 0, Map.of(CaseState.LEGAL_REVIEW, 1L)),
                        new BlockerMet("VALID_RESIDENCE_PERMIT", 1, 0, 1, Map.of(CaseState.NOTIFIED, 1L))),
                List.of(new Manifest(FLIGHT, "RF101", "AEX-DOH-IKA", at.plusSeconds(86400 * 4), "ARRIVED", 6, 5, 5, 2, 2,
                        Map.of("LEGAL_HOLD_PLACED", 1L))),
                new Notices(15, 14, 0, 1, 0, Map.of("DETAINEE", new NoticeCounts(5, 5, 0, 0)),
                        Map.of("CASE_BOOKED", new NoticeCounts(15, 14, 0, 1)),
                        List.of(new Language("DETAINEE", "fa", 5, 0), new Language("CONSULATE", "fa", 5, 0)), 0),
                new OperationReport.Reverifications(10, 9, 1, Map.of("ACTIVE_LEGAL_HOLD", 1L)),
                new OperationReport.Remedies(1, 1, 0),
                new OperationReport.FearClaimWindows(2, 0, 2, 0, 0, 1),
                new OperationReport.Monitoring(1, 1, Map.of("RESTRAINT_DISPROPORTIONATE", 1L)),
                findings, OperationReports.NOT_VISIBLE);
    }
}
