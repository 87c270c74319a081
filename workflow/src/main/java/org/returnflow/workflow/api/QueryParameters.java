package org.returnflow.workflow.api;

import jakarta.servlet.http.HttpServletRequest;
import org.returnflow.platform.audit.AuditLog;
import org.returnflow.platform.web.BadRequestException;

import java.util.Map;
import java.util.Set;

/**
 * A list or a report refuses what it does not understand: a misspelt filter ({@code ?stat=BOOKED})
 * would otherwise be ignored and answer every case, and a filter given twice would keep only one.
 */
final class QueryParameters {

    private QueryParameters() {
    }

    /**
     * 400 naming the first parameter that is not one of {@code known} (or {@code purpose}), that is
     * repeated, or that is empty ({@code ?state=} is no filter the caller meant).
     */
    static void allowOnly(HttpServletRequest request, Set<String> known) {
        for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
            String name = parameter.getKey();
            if (!known.contains(name) && !AuditLog.PURPOSE_PARAMETER.equals(name)) {
                throw new BadRequestException("Unknown parameter '" + name + "'; this call takes " + String.join(", ",
                        known.stream().sorted().toList()), name);
            }
            if (parameter.getValue().length > 1) {
                throw new BadRequestException("Give '" + name + "' once", name);
            }
            if (parameter.getValue().length == 1 && parameter.getValue()[0].isBlank()) {
                throw new BadRequestException("'" + name + "' is empty; leave it out to mean any", name);
            }
        }
    }
}
