package org.returnflow.contracts.notification;

/** Whether the text a notice was written in has been checked by a human translator. */
public enum TranslationStatus {
    /** Checked and signed off by a translator (or the English source text). */
    REVIEWED,
    /** Not yet checked: sent together with the English text. */
    DRAFT
}
