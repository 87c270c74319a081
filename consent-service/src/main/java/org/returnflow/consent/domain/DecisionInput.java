package org.returnflow.consent.domain;

/**
 * A decision as an officer enters it. Text is trimmed, and blank text counts as absent, so a
 * blank interpreter is no interpreter.
 *
 * @param officer     the officer's identifier, as typed
 * @param language    BCP 47 tag of the language the decision was made in
 * @param interpreter the interpreter's identifier; null when none took part
 */
public record DecisionInput(Decision decision, String officer, String language, String interpreter,
                            String evidenceSha256) {

    public DecisionInput {
        officer = clean(officer);
        language = clean(language);
        interpreter = clean(interpreter);
        evidenceSha256 = clean(evidenceSha256);
    }

    private static String clean(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }
}
