package org.returnflow.platform.openapi;

/**
 * The client errors a Returnflow API documents, each as a shared response of the OpenAPI
 * document ({@code #/components/responses/<component>}) with an {@code application/problem+json}
 * body.
 */
enum ProblemStatus {

    BAD_REQUEST(400, "BadRequest", "The request is invalid: a parameter, header or body field is missing, malformed or "
            + "out of range. `errors` names each field and why."),
    UNAUTHORIZED(401, "Unauthorized", "No valid bearer token: it is missing, expired, or not signed by the "
            + "authorisation server."),
    FORBIDDEN(403, "Forbidden", "The token lacks the scope this operation needs, or this kind of client may not do "
            + "it (for example a partner)."),
    NOT_FOUND(404, "NotFound", "No such resource, or it is outside the facilities the caller may reach."),
    CONFLICT(409, "Conflict", "The request conflicts with the current state: a duplicate, a step already taken, or "
            + "a concurrent change."),
    PRECONDITION_FAILED(412, "PreconditionFailed", "The record changed since the version named in `If-Match`: read "
            + "it again and retry."),
    UNPROCESSABLE(422, "UnprocessableContent", "A business rule refuses the request; `errors` names the field."),
    TOO_MANY_REQUESTS(429, "TooManyRequests", "Through the gateway only: the client spent its request budget. Retry "
            + "after the seconds in `Retry-After`.");

    final int status;
    final String component;
    final String description;

    ProblemStatus(int status, String component, String description) {
        this.status = status;
        this.component = component;
        this.description = description;
    }

    String code() {
        return Integer.toString(status);
    }

    String ref() {
        return "#/components/responses/" + component;
    }
}
