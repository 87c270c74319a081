package org.returnflow.detention.domain;

import org.returnflow.platform.web.ProblemResponses.FieldProblem;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import java.util.List;
import java.util.UUID;

/**
 * 409: the person seems to be on record already. The problem names the existing record in
 * {@code existingId} (and every match in {@code existingIds}) and the field that matched, so the
 * agency can open that record, or, for a similar name only, register again with
 * {@code confirmDistinctFrom}. The id is opaque: outside the caller's facilities it reads as 404.
 */
public class DuplicateDetaineeException extends ErrorResponseException {

    public DuplicateDetaineeException(String detail, String field, List<UUID> existing) {
        super(HttpStatus.CONFLICT, problem(detail, field, existing), null);
    }

    private static ProblemDetail problem(String detail, String field, List<UUID> existing) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, detail);
        problem.setTitle("Already on record");
        problem.setProperty("existingId", existing.get(0));
        problem.setProperty("existingIds", List.copyOf(existing));
        problem.setProperty("errors", List.of(new FieldProblem(field, detail)));
        return problem;
    }
}
