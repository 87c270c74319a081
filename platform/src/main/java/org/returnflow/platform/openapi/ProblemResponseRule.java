package org.returnflow.platform.openapi;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.parameters.Parameter;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Which problem responses an operation documents. The services throw their refusals from domain
 * code, so the rule reads what the operation takes and who may call it; an operation declares any
 * further status with {@code @ApiResponse}:
 * <ul>
 *   <li>400 when it takes a parameter, a header or a body (Bean Validation, unreadable JSON, wrong
 *       types, and a partner's read without {@code purpose});</li>
 *   <li>401 when it needs a token, 403 when it needs a scope;</li>
 *   <li>404 when its path names a resource (unknown, or outside the caller's facilities);</li>
 *   <li>409 and 422 when it writes (POST, PUT, PATCH, DELETE): a conflict with the current state
 *       (including a concurrent change) and a refused business rule;</li>
 *   <li>412 when it takes {@code If-Match};</li>
 *   <li>429 on every {@code /api/**} path, which the gateway rate-limits.</li>
 * </ul>
 */
final class ProblemResponseRule {

    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    Set<ProblemStatus> statuses(String method, String path, Operation operation, OperationAccess access) {
        List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
        Set<ProblemStatus> statuses = EnumSet.noneOf(ProblemStatus.class);
        if (!parameters.isEmpty() || operation.getRequestBody() != null) {
            statuses.add(ProblemStatus.BAD_REQUEST);
        }
        if (access.needsToken()) {
            statuses.add(ProblemStatus.UNAUTHORIZED);
        }
        if (access.needsScope()) {
            statuses.add(ProblemStatus.FORBIDDEN);
        }
        if (parameters.stream().anyMatch(p -> "path".equals(p.getIn()))) {
            statuses.add(ProblemStatus.NOT_FOUND);
        }
        if (WRITES.contains(method)) {
            statuses.add(ProblemStatus.CONFLICT);
            statuses.add(ProblemStatus.UNPROCESSABLE);
        }
        if (parameters.stream().anyMatch(p -> "header".equals(p.getIn()) && "If-Match".equalsIgnoreCase(p.getName()))) {
            statuses.add(ProblemStatus.PRECONDITION_FAILED);
        }
        if (path.startsWith("/api/")) {
            statuses.add(ProblemStatus.TOO_MANY_REQUESTS);
        }
        return statuses;
    }
}
