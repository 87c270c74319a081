package org.returnflow.platform.openapi;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import java.net.URI;
import java.util.List;

/**
 * The shape of every error a Returnflow API returns ({@code application/problem+json}), as the
 * OpenAPI documents describe it. Only documentation: the platform's {@code ProblemResponses} and
 * {@code ProblemSecurityHandlers} write the responses.
 */
@Schema(name = "Problem", description = "An RFC 9457 problem. Invalid requests and refused business rules name each "
        + "field in `errors`; a problem may carry further members, such as `existingId` on a refused duplicate.")
record ProblemDocument(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "uri",
                description = "What kind of problem it is: https://returnflow.org/problems/<kind>",
                example = "https://returnflow.org/problems/invalid-request") URI type,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "A short summary of the kind",
                example = "Invalid request") String title,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "The HTTP status code",
                example = "400") int status,
        @Schema(description = "What went wrong with this request", example = "nationality: must be an ISO 3166-1 "
                + "alpha-3 code") String detail,
        @Schema(format = "uri-reference", description = "The path of the request", example = "/api/detainees")
        URI instance,
        @ArraySchema(arraySchema = @Schema(description = "Each rejected field and why"))
        List<FieldError> errors) {

    @Schema(name = "ProblemField", description = "One rejected field of a request and why it was rejected")
    record FieldError(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "The field, parameter or header, "
                    + "as a path into the body (e.g. `counsel.email`, `items[2].itemId`) or its name",
                    example = "nationality") String field,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "must be an ISO 3166-1 alpha-3 code")
            String reason) {
    }
}
