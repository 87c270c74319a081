package org.returnflow.infra.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class MailListTest {

    /** As GreenMail's API returns it: an encoded-word subject, and an 8-bit UTF-8 body read as ISO-8859-1. */
    private static final String RAW = new String(("""
            Return-Path: <notifications@returnflow.test>\r
            Message-ID: <1@returnflow.test>\r
            Date: Mon, 30 Nov 2026 10:15:00 +0100\r
            From: Returnflow <notifications@returnflow.test>\r
            To: konsulat@embassy.test, counsel@law.test\r
            Subject: =?utf-8?q?R=C3=BCckf=C3=BChrung=3A_Flug?= RF-101\r
            Content-Type: text/plain; charset="utf-8"\r
            Content-Transfer-Encoding: 8bit\r
            MIME-Version: 1.0\r
            \r
            Sehr geehrte Damen und Herren,\r
            \r
            die Rückführung ist für den 5. Dezember geplant. Größe: ÄÖÜ.\r
            """).getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);

    @Test
    void decodesHeadersAndBodyToUtf8() throws Exception {
        MailList.Mail mail = MailList.parse(RAW);

        assertThat(mail.identity()).isEqualTo("<1@returnflow.test>");
        assertThat(mail.from()).isEqualTo("Returnflow <notifications@returnflow.test>");
        assertThat(mail.to()).isEqualTo("konsulat@embassy.test, counsel@law.test");
        assertThat(mail.subject()).isEqualTo("Rückführung: Flug RF-101");
        assertThat(mail.format())
                .contains("Date:    2026-11-30 09:15:00 UTC")
                .contains("Sehr geehrte Damen und Herren, die Rückführung ist für den 5. Dezember geplant. Größe: ÄÖÜ.");
    }

    @Test
    void shortensALongBody() throws Exception {
        MailList.Mail mail = MailList.parse(RAW.replace("geplant", "x".repeat(500)));

        assertThat(mail.excerpt()).hasSize(MailList.EXCERPT_CHARS).endsWith("…");
    }
}
