package org.returnflow.notification.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.returnflow.notification.domain.NotificationRequests;
import org.returnflow.platform.security.FacilityReach;
import org.returnflow.platform.web.PageResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

/**
 * Deliveries of one case: who was told what, in which language, when, and whether it arrived. The
 * notices of a person held outside the caller's facilities are left out.
 */
@RestController
@RequestMapping("/api/notifications")
@Tag(name = "notifications", description = "The notices of a case and whether they arrived")
class NotificationController {

    private final NotificationRequests requests;

    NotificationController(NotificationRequests requests) {
        this.requests = requests;
    }

    @GetMapping
    @Operation(summary = "The notices of one case, paged: recipient type, language, status and delivery")
    PageResponse<NotificationView> ofCase(@RequestParam UUID caseId,
                                          @RequestParam(defaultValue = "0") @Min(0) int page,
                                          @RequestParam(defaultValue = "20") @Min(1) @Max(PageResponse.MAX_SIZE) int size) {
        return requests.ofCase(caseId, FacilityReach.current(), page, size, NotificationView::of);
    }
}
