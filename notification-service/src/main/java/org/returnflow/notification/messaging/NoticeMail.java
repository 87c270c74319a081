package org.returnflow.notification.messaging;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.returnflow.notification.domain.RenderedNotice;
import org.springframework.mail.javamail.MimeMessageHelper;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A rendered notice as an e-mail: multipart (plain text and HTML), UTF-8, with a Message-ID
 * derived from the notification id. The same notification always carries the same Message-ID,
 * so the rare resend after a crash (see README) is recognisable as the same message.
 */
public final class NoticeMail {

    private NoticeMail() {
    }

    /** {@code <notification-id@domain>} (RFC 5322). */
    public static String messageId(UUID notificationId, String domain) {
        return "<" + notificationId + "@" + domain + ">";
    }

    /** Fills an empty message; {@code to} is the only personal datum and goes nowhere else. */
    public static void fill(MimeMessage message, String messageId, String from, String to, RenderedNotice notice)
            throws MessagingException {
        MimeMessageHelper helper = new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
        helper.setFrom(from);
        helper.setTo(to);
        helper.setSubject(notice.subject());
        helper.setText(notice.text(), notice.html());
        message.setHeader("Content-Language", notice.contentLanguage());
        // JavaMailSenderImpl keeps a Message-ID that is set before sending.
        message.setHeader("Message-ID", messageId);
    }
}
