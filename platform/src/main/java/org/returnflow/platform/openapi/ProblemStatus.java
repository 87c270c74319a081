package org.returnflow.platform.openapi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The client errors a Returnflow API documents, each as a shared response of the OpenAPI
 * document ({@code #/components/responses/<component>}) with an {@code application/problem+json}
 * body.
 */
enum ProblemStatus {

    BAD_REQUEST(400, "BadRequest", "The request is invalid: a parameter, header or body field is missing, malformed or "
            + "out of range. `errors` names each field and why.",
            "invalid-request", "Invalid request", "nationality: must be an ISO 3166-1 alpha-3 code", "nationality"),
    UNAUTHORIZED(401, "Unauthorized", "No valid bearer token: it is missing, expired, or not signed by the "
            + "authorisation server.",
            "unauthenticated", "Unauthorized",
            "A valid bearer token is required: get one from the authorisation server with client credentials", null),
    FORBIDDEN(403, "Forbidden", "The token lacks the scope this operation needs, or this kind of client may not do "
            + "it (for example a partner).",
            "forbidden", "Forbidden", "The token does not grant the scope this request needs", null),
    NOT_FOUND(404, "NotFound", "No such resource, or it is outside the facilities the caller may reach.",
            "not-found", "Not Found", "Detainee 3fa85f64-5717-4562-b3fc-2c963f66afa6 was not found", null),
    CONFLICT(409, "Conflict", "The request conflicts with the current state: a duplicate, a step already taken, or "
            + "a concurrent change.",
            "conflict", "Conflict", "The request conflicts with the current state of the record", null),
    PRECONDITION_FAILED(412, "PreconditionFailed", "The record changed since the version named in `If-Match`: read "
            + "it again and retry.",
            "error-412", "Precondition Failed", "The record is at version 4, not 3: someone changed it since you read "
            + "it. Read it again (GET gives the ETag) and retry", "If-Match"),
    UNPROCESSABLE(422, "UnprocessableContent", "A business rule refuses the request; `errors` names the field.",
            "business-rule", "Unprocessable Entity",
            "The language differs from the person's and no interpreter is named", "interpreter"),
    TOO_MANY_REQUESTS(429, "TooManyRequests", "Through the gateway only: the client spent its request budget. Retry "
            + "after the seconds in `Retry-After`.",
            "too-many-requests", "Too Many Requests",
            "This client made more than 200 requests in 1000 ms. Retry after 1 s.", null);

    final int status;
    final String component;
    final String description;
    private final String typeSlug;
    private final String title;
    private final String detail;
    private final String field;

    ProblemStatus(int status, String component, String description, String typeSlug, String title, String detail,
                  String field) {
        this.status = status;
        this.component = component;
        this.description = description;
        this.typeSlug = typeSlug;
        this.title = title;
        this.detail = detail;
        this.field = field;
    }

    /** A problem of this status as the services (or, for 429, the gateway) write it. */
    Map<String, Object> example() {
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", "https://returnflow.org/problems/" + typeSlug);
        example.put("title", title);
        example.put("status", status);
        example.put("detail", detail);
        if (field != null) {
            example.put("errors", List.of(Map.of("field", field, "reason", reason())));
        }
        return example;
    }

    private String reason() {
        int colon = detail.indexOf(": ");
        return this == BAD_REQUEST && colon > 0 ? detail.substring(colon + 2) : detail;
    }

    String code() {
        return Integer.toString(status);
    }

    String ref() {
        return "#/components/responses/" + component;
    }
}
