package org.returnflow.infra.gateway.config;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Gateway errors as RFC 9457 problems; a path no route owns is a plain 404 naming the path. */
@RestControllerAdvice
class GatewayProblems extends ResponseEntityExceptionHandler {

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "No service answers " + ex.getHttpMethod() + " /" + ex.getResourcePath() + ".");
        problem.setType(ProblemTypes.of(HttpStatus.NOT_FOUND));
        return handleExceptionInternal(ex, problem, headers, status, request);
    }
}
