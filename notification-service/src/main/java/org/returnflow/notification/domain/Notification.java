package org.returnflow.notification.domain;

import org.returnflow.contracts.notification.NotificationDelivered;
import org.returnflow.contracts.notification.NotificationFailed;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.returnflow.contracts.notification.RecipientType;
import org.returnflow.contracts.notification.TemplateKey;
import org.returnflow.contracts.notification.TranslationStatus;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One notice to one recipient. It is stored PENDING when the command arrives and changes state
 * only in the sender: SENDING once a sender claimed it (the claim names a token and a time, and
 * commits before the mail server is contacted), then DELIVERED once the mail server accepted it, or
 * FAILED with a reason, or back to PENDING when the sender stopped before any attempt succeeded.
 */
@Entity
@Table(name = "notification")
public class Notification {

    @Id
    private UUID id;
    @Column(name = "case_id", nullable = false)
    private UUID caseId;
    @Column(name = "detainee_id")
    private UUID detaineeId;
    @Enumerated(EnumType.STRING)
    @Column(name = "recipient_type", nullable = false)
    private RecipientType recipientType;
    @Enumerated(EnumType.STRING)
    @Column(name = "template_key", nullable = false)
    private TemplateKey templateKey;
    @Column(name = "flight_id")
    private UUID flightId;
    @Column(name = "country")
    private String country;
    @Column(name = "requested_locale", nullable = false)
    private String requestedLocale;
    @Column(name = "locale", nullable = false)
    private String locale;
    @Column(name = "fallback_locale", nullable = false)
    private boolean fallbackLocale;
    @Enumerated(EnumType.STRING)
    @Column(name = "translation_status", nullable = false)
    private TranslationStatus translationStatus;
    @Column(name = "english_attached", nullable = false)
    private boolean englishAttached;
    @Column(name = "address")
    private String address;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "data", nullable = false, columnDefinition = "jsonb")
    private Map<String, String> data = new HashMap<>();
    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false)
    private NotificationStatus status;
    @Column(name = "attempts", nullable = false)
    private int attempts;
    @Column(name = "failure_reason")
    private String failureReason;
    @Column(name = "smtp_message_id")
    private String smtpMessageId;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "delivered_at")
    private Instant deliveredAt;
    @Column(name = "failed_at")
    private Instant failedAt;
    /** The CloudEvents id of the newest SendNotification for this notice: every answer carries it. */
    @Column(name = "answers_request")
    private UUID answersRequest;
    @Column(name = "claim_token")
    private UUID claimToken;
    @Column(name = "claimed_at")
    private Instant claimedAt;
    @Column(name = "resends", nullable = false)
    private int resends;

    /** The facility holding the person when the case asked; null when not known. */
    @Column(name = "facility_code", updatable = false)
    private String facilityCode;

    protected Notification() {
    }

    Notification(UUID caseId, UUID detaineeId, RecipientType recipientType, TemplateKey templateKey, UUID flightId,
                 String country, String requestedLocale, NoticeLanguage language, Map<String, String> data,
                 String facilityCode, Instant now) {
        this.id = UUID.randomUUID();
        this.facilityCode = facilityCode;
        this.caseId = caseId;
        this.detaineeId = detaineeId;
        this.recipientType = recipientType;
        this.templateKey = templateKey;
        this.flightId = flightId;
        this.country = country;
        this.requestedLocale = requestedLocale;
        writtenIn(language);
        this.data = new HashMap<>(data);
        this.status = NotificationStatus.PENDING;
        this.createdAt = now;
    }

    /** Waits for the sender, to this address. */
    void await(String address) {
        this.address = address;
        this.status = NotificationStatus.PENDING;
        this.failureReason = null;
        this.failedAt = null;
    }

    /** The templates chosen when the notice was stored, with their draft status and English text as planned. */
    private void writtenIn(NoticeLanguage language) {
        this.locale = language.tag();
        this.fallbackLocale = language.fallback();
        this.translationStatus = language.status();
        this.englishAttached = language.withEnglish();
    }

    /** The templates chosen when the notice was stored: the sender writes it with these. */
    public NoticeLanguage language() {
        return TemplateLanguage.byTag(locale).map(templates -> new NoticeLanguage(templates, fallbackLocale))
                .orElseGet(() -> NoticeLanguage.forRequested(locale));
    }

    /**
     * A sender takes the notice: SENDING under a fresh token. A notice still SENDING under an older
     * claim was left by a sender that stopped (crashed) before it recorded the outcome; taking it over
     * is a resend, counted in {@code resends}.
     *
     * @return whether this claim takes over an abandoned one
     */
    public boolean claim(UUID token, Instant at) {
        if (status != NotificationStatus.PENDING && status != NotificationStatus.SENDING) {
            throw new IllegalStateException("Notification " + id + " is " + status + ", not PENDING or SENDING");
        }
        boolean takeOver = status == NotificationStatus.SENDING;
        if (takeOver) {
            resends++;
        }
        this.status = NotificationStatus.SENDING;
        this.claimToken = token;
        this.claimedAt = at;
        return takeOver;
    }

    /** Whether the notice is still SENDING under this claim (no other sender took it over since). */
    public boolean claimedBy(UUID token) {
        return status == NotificationStatus.SENDING && token.equals(claimToken);
    }

    /** The sender stopped before the mail server accepted the notice: it waits again. */
    public void released(UUID token, int newAttempts) {
        requireClaim(token);
        this.status = NotificationStatus.PENDING;
        this.attempts += newAttempts;
    }

    /**
     * The mail server accepted the notice, written as {@code sent}, under this Message-ID. Whether it
     * went as a draft with the English text is recorded as it was sent, which a new release of the
     * templates may have changed since the notice was stored.
     */
    public void delivered(UUID token, RenderedNotice sent, String smtpMessageId, Instant at, int newAttempts) {
        requireClaim(token);
        this.translationStatus = sent.language().status();
        this.englishAttached = sent.englishAttached();
        this.status = NotificationStatus.DELIVERED;
        this.smtpMessageId = smtpMessageId;
        this.deliveredAt = at;
        this.attempts += newAttempts;
    }

    private void requireClaim(UUID token) {
        if (!claimedBy(token)) {
            throw new IllegalStateException("Notification " + id + " is " + status + ", not SENDING under this claim");
        }
    }

    /** Delivery was given up, for the reason given as an upper-case code. */
    public void failed(String reason, Instant at, int newAttempts) {
        if (status == NotificationStatus.DELIVERED) {
            throw new IllegalStateException("Notification " + id + " was delivered already");
        }
        this.status = NotificationStatus.FAILED;
        this.failureReason = reason;
        this.failedAt = at;
        this.attempts += newAttempts;
    }

    public UUID id() { return id; }
    public UUID caseId() { return caseId; }
    public UUID detaineeId() { return detaineeId; }
    public RecipientType recipientType() { return recipientType; }
    public TemplateKey templateKey() { return templateKey; }
    public UUID flightId() { return flightId; }
    public String country() { return country; }
    public String requestedLocale() { return requestedLocale; }
    public String locale() { return locale; }
    public boolean fallbackLocale() { return fallbackLocale; }
    /** Whether the templates used were a REVIEWED translation or a DRAFT. */
    public TranslationStatus translationStatus() { return translationStatus; }
    /** Whether the English text was sent after the translation (a DRAFT's). */
    public boolean englishAttached() { return englishAttached; }
    /** The recipient's address: for the sender only, never for an API response, an event or a log. */
    public String address() { return address; }
    public Map<String, String> data() { return Map.copyOf(data); }
    public NotificationStatus status() { return status; }
    public int attempts() { return attempts; }
    public String failureReason() { return failureReason; }
    public String smtpMessageId() { return smtpMessageId; }
    public Instant createdAt() { return createdAt; }
    public Instant deliveredAt() { return deliveredAt; }
    public String facilityCode() { return facilityCode; }

    /** The workflow asked for this notice (again) with this request id; answers go to the newest one. */
    public void askedBy(UUID requestId) {
        this.answersRequest = requestId;
    }

    /** The fact that this notice was delivered, as published when it was, and again when asked again. */
    public NotificationDelivered deliveredEvent() {
        return new NotificationDelivered(caseId, id, recipientType, templateKey, locale, fallbackLocale, smtpMessageId,
                deliveredAt, flightId, answersRequest, translationStatus);
    }

    /** The fact that this notice failed, with the reason and time recorded by {@link #failed}. */
    public NotificationFailed failedEvent() {
        return new NotificationFailed(caseId, id, recipientType, templateKey, failureReason, failedAt, flightId,
                answersRequest);
    }
    public Instant failedAt() { return failedAt; }
    public Instant claimedAt() { return claimedAt; }
    /** How often the notice was sent again after a sender left it SENDING (each a possible second e-mail). */
    public int resends() { return resends; }
}
