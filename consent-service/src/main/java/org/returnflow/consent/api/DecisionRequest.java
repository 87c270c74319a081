package org.returnflow.consent.api;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.returnflow.consent.domain.Decision;
import org.returnflow.consent.domain.DecisionInput;

/**
 * The body of {@code POST /api/consents/{id}/decision}. GIVEN needs officer, language and
 * evidenceSha256, and an interpreter when the language is not the person's; DECLINED needs officer.
 */
record DecisionRequest(
        @NotNull(message = "is required: GIVEN or DECLINED")
        Decision decision,
        @Schema(description = "Identifier of the officer who recorded the decision", example = "officer-4711")
        @NotBlank(message = "is required: who recorded the decision") @Size(max = 100)
        @Pattern(regexp = USER_ID, message = USER_ID_MESSAGE)
        String officer,
        @Schema(description = "BCP 47 tag of the language the decision was made in", example = "fa")
        @Size(max = 35) @Pattern(regexp = "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$",
                message = "must be a BCP 47 tag such as fa or fa-IR")
        String language,
        @Schema(description = "Identifier of the interpreter; required when language is not the person's",
                example = "interpreter-0815")
        @Size(max = 100) @Pattern(regexp = USER_ID, message = USER_ID_MESSAGE)
        String interpreter,
        @Schema(description = "SHA-256 of the stored evidence, 64 lower-case hex characters")
        @Pattern(regexp = "^[0-9a-f]{64}$", message = "must be 64 lower-case hexadecimal characters (a SHA-256)")
        String evidenceSha256) {

    /**
     * A user id, as ConsentGiven and ConsentDeclined carry it on the public consent.events: never a
     * name with spaces and never an e-mail address. Surrounding blanks are trimmed (DecisionInput), and
     * a blank interpreter is none; a blank officer is refused by {@code @NotBlank}.
     */
    static final String USER_ID = "^\\s*([A-Za-z0-9][A-Za-z0-9._-]{0,63})?\\s*$";
    static final String USER_ID_MESSAGE = "must be a user id (letters, digits, dots, dashes, underscores), "
            + "never a name or an e-mail address: it is published to partners";

    DecisionInput toInput() {
        return new DecisionInput(decision, officer, language, interpreter, evidenceSha256);
    }
}
