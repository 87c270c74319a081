package org.returnflow.infra.mail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.SimpleDateFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TimeZone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * {@code ./returnflow mail}: lists every message the local SMTP sink (GreenMail) received, oldest
 * first, with From, To, Subject, Date and the start of the text, decoded to UTF-8. It reads
 * GreenMail's REST API: the users (one per recipient address) and each one's inbox. A message sent
 * to several recipients is shown once.
 *
 * <p>Usage: {@code MailList [API_URL]}, default {@code http://localhost:8025}.
 */
public final class MailList {

    static final int EXCERPT_CHARS = 240;
    private static final ObjectMapper JSON = new ObjectMapper();

    private MailList() {
    }

    public static void main(String[] args) throws Exception {
        String api = args.length > 0 ? args[0] : "http://localhost:8025";
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        List<Mail> mails;
        try {
            mails = fetch(api);
        } catch (IOException e) {
            System.err.println("returnflow: the mail sink does not answer at " + api + " (" + e.getMessage()
                    + "); is the stack up? (./returnflow up)");
            System.exit(1);
            return;
        }
        if (mails.isEmpty()) {
            out.println("No mail received yet.");
            return;
        }
        for (Mail mail : mails) {
            out.print(mail.format());
            out.println();
        }
        out.println(mails.size() + (mails.size() == 1 ? " message" : " messages"));
    }

    static List<Mail> fetch(String api) throws IOException, InterruptedException, MessagingException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        Map<String, Mail> byId = new LinkedHashMap<>();
        for (JsonNode user : get(http, api + "/api/user")) {
            String mailbox = URLEncoder.encode(user.get("email").asText(), StandardCharsets.UTF_8);
            for (JsonNode message : get(http, api + "/api/user/" + mailbox + "/messages/INBOX")) {
                Mail mail = parse(message.get("mimeMessage").asText());
                byId.putIfAbsent(mail.identity(), mail);
            }
        }
        List<Mail> mails = new ArrayList<>(byId.values());
        mails.sort((a, b) -> a.sortDate().compareTo(b.sortDate()));
        return mails;
    }

    private static JsonNode get(HttpClient http, String url) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + url + " answered " + response.statusCode());
        }
        return JSON.readTree(response.body());
    }

    /**
     * Parses a message as GreenMail's API returns it: the raw bytes as ISO-8859-1 characters (so an
     * 8-bit UTF-8 body arrives garbled until it is turned back into bytes).
     */
    static Mail parse(String raw) throws MessagingException, IOException {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(raw.getBytes(StandardCharsets.ISO_8859_1)));
        String id = message.getMessageID();
        Date sent = message.getSentDate();
        String text = text(message);
        return new Mail(id != null ? id : Integer.toHexString(raw.hashCode()),
                join(message.getFrom()), join(message.getAllRecipients()),
                message.getSubject() == null ? "" : message.getSubject(), sent, text);
    }

    /** The first text/plain part, else the first text/html part with its tags removed. */
    private static String text(Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/plain")) {
            return String.valueOf(part.getContent());
        }
        if (part.isMimeType("text/html")) {
            return String.valueOf(part.getContent()).replaceAll("(?s)<[^>]*>", " ");
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            String html = null;
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                if (body.isMimeType("text/plain")) {
                    return text(body);
                }
                if (html == null && (body.isMimeType("text/html") || body.isMimeType("multipart/*"))) {
                    html = text(body);
                }
            }
            return html == null ? "" : html;
        }
        return "";
    }

    private static String join(Address[] addresses) {
        if (addresses == null || addresses.length == 0) {
            return "";
        }
        List<String> all = new ArrayList<>();
        for (Address address : addresses) {
            all.add(address instanceof jakarta.mail.internet.InternetAddress internet
                    ? internet.toUnicodeString() : address.toString());
        }
        return String.join(", ", all);
    }

    /** One received message. */
    record Mail(String identity, String from, String to, String subject, Date sent, String text) {

        Date sortDate() {
            return sent == null ? new Date(0) : sent;
        }

        String excerpt() {
            String flat = text.replaceAll("\\s+", " ").strip();
            return flat.length() <= EXCERPT_CHARS ? flat
                    : flat.substring(0, flat.offsetByCodePoints(0, flat.codePointCount(0, EXCERPT_CHARS) - 1)) + "…";
        }

        String format() {
            SimpleDateFormat iso = new SimpleDateFormat("yyyy-MM-dd HH:mm:ss 'UTC'");
            iso.setTimeZone(TimeZone.getTimeZone("UTC"));
            return "From:    " + from + "\n"
                    + "To:      " + to + "\n"
                    + "Subject: " + subject + "\n"
                    + "Date:    " + (sent == null ? "-" : iso.format(sent)) + "\n"
                    + "         " + excerpt() + "\n";
        }
    }
}
