package org.returnflow.workflow.api;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.returnflow.platform.audit.AuditLog;
import org.returnflow.platform.security.Caller;
import org.returnflow.platform.web.NotFoundException;
import org.returnflow.platform.web.PageResponse;
import org.returnflow.workflow.api.CaseViews.OperationView;
import org.returnflow.workflow.domain.RemovalOperations;
import org.returnflow.workflow.domain.report.OperationReport;
import org.returnflow.workflow.domain.report.OperationReports;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;

/**
 * Return operations at a glance: the list, newest first with their cases counted by state, and each
 * operation's report (cases by state, voluntary or not, blockers, manifests, notices and the S1–S10
 * audit) as JSON, CSV or PDF. Reading a report is audited; a partner must say why ({@code ?purpose=}).
 */
@RestController
@RequestMapping("/api/removal-operations")
class OperationOverviewController {

    static final String REPORT_SUBJECT = "RemovalOperationReport";

    private final RemovalOperations operations;
    private final OperationReports reports;
    private final AuditLog audit;

    OperationOverviewController(RemovalOperations operations, OperationReports reports, AuditLog audit) {
        this.operations = operations;
        this.reports = reports;
        this.audit = audit;
    }

    @Operation(summary = "List the removal operations, newest first, a page at a time")
    @GetMapping
    PageResponse<OperationView> list(@RequestParam(defaultValue = "0") @Min(0) @Max(RemovalCaseController.MAX_PAGE) int page,
                                     @RequestParam(defaultValue = "20") @Min(1) @Max(PageResponse.MAX_SIZE) int size,
                                     HttpServletRequest request) {
        QueryParameters.allowOnly(request, Set.of("page", "size"));
        return PageResponse.of(operations.page(page, size).stream().map(OperationView::of).toList(), page, size,
                operations.count());
    }

    /**
     * The report in the form {@code ?format=} or the {@code Accept} header asks for. A facility-scoped
     * caller gets the report of the cases at its facilities only, and the report says so.
     */
    @Operation(summary = "The operation report (JSON, CSV or PDF) with its S1-S10 safeguard audit")
    @GetMapping("/{operationId}/report")
    ResponseEntity<?> report(@PathVariable UUID operationId, @RequestParam(required = false) String format,
                             @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
                             HttpServletRequest request) {
        QueryParameters.allowOnly(request, Set.of("format"));
        ReportFormat form = ReportFormat.choose(format, accept);
        Caller caller = Caller.current();
        OperationReport report = reports.report(operationId, caller.facilities().orElse(null))
                .orElseThrow(() -> new NotFoundException("Removal operation", operationId));
        audit.recordRead(REPORT_SUBJECT, operationId);
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok().contentType(form.mediaType)
                .cacheControl(CacheControl.noStore()).header(HttpHeaders.VARY, HttpHeaders.ACCEPT);
        return switch (form) {
            case JSON -> answer.body(report);
            case CSV -> attachment(answer, report, form).body(OperationReportCsv.render(report));
            case PDF -> attachment(answer, report, form).body(OperationReportPdf.render(report));
        };
    }

    private static ResponseEntity.BodyBuilder attachment(ResponseEntity.BodyBuilder answer, OperationReport report,
                                                         ReportFormat form) {
        String name = "operation-report-" + report.operation().name().replaceAll("[^A-Za-z0-9._-]+", "_") + "."
                + form.extension;
        return answer.header(HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment().filename(name, StandardCharsets.UTF_8).build().toString());
    }
}
