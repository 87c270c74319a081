package org.returnflow.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the SMTP sink received, from GreenMail's REST API: messages per mailbox and Message-IDs seen
 * more than once. The notification service gives every notice the Message-ID
 * {@code <notification-id@domain>}, so a notice delivered twice shows as a repeated Message-ID.
 */
public final class MailCheck {

    /** The sink's contents. */
    public record Mailboxes(long messages, long distinctMessageIds, long duplicateMessages, Map<String, Long> byMailbox) {
    }

    private final URI api;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final JsonFactory factory = new JsonFactory();

    public MailCheck(URI api) {
        this.api = api;
    }

    public Mailboxes read() {
        try {
            JsonNode users = json.readTree(get("/api/user"));
            Map<String, Integer> ids = new HashMap<>();
            Map<String, Long> byMailbox = new TreeMap<>();
            long messages = 0;
            for (JsonNode user : users) {
                String email = user.path("email").asText();
                long count = 0;
                try (InputStream in = stream("/api/user/" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "/messages/INBOX");
                     JsonParser parser = factory.createParser(in)) {
                    // [{"uid":"35", "Message-ID":"<…>", "subject":…, "mimeMessage":"…"}, …]: only uids and ids are read
                    // (GreenMail 2.1 names the field "Message-ID"; its OpenAPI document says "messageId")
                    String uid = null;
                    while (parser.nextToken() != null) {
                        if (parser.currentToken() != JsonToken.FIELD_NAME) {
                            continue;
                        }
                        String field = parser.currentName();
                        if ("uid".equals(field)) {
                            parser.nextToken();
                            uid = parser.getValueAsString();
                            count++;
                        } else if ("Message-ID".equals(field) || "messageId".equals(field)) {
                            parser.nextToken();
                            ids.merge(parser.getValueAsString(), 1, Integer::sum);
                        } else if (parser.nextToken() == JsonToken.START_OBJECT || parser.currentToken() == JsonToken.START_ARRAY) {
                            parser.skipChildren();
                        }
                    }
                    if (uid != null && ids.isEmpty() && count > 0) {
                        throw new IOException("the mail sink's messages carry no Message-ID field");
                    }
                }
                byMailbox.put(email, count);
                messages += count;
            }
            long duplicates = ids.values().stream().filter(n -> n > 1).mapToLong(n -> n - 1).sum();
            return new Mailboxes(messages, ids.size(), duplicates, byMailbox);
        } catch (IOException e) {
            throw new IllegalStateException("the mail sink's API does not answer at " + api + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Deletes every message the sink holds (it keeps them in memory). */
    public void purge() {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(api.resolve("/api/mail/purge"))
                    .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("purging the mail sink answered " + answer.statusCode() + ": " + answer.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException("the mail sink's API does not answer at " + api + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(api.resolve(path)).timeout(Duration.ofSeconds(60))
                .GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (answer.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + answer.statusCode());
        }
        return answer.body();
    }

    private InputStream stream(String path) throws IOException, InterruptedException {
        HttpResponse<InputStream> answer = http.send(HttpRequest.newBuilder(api.resolve(path)).timeout(Duration.ofSeconds(300))
                .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        if (answer.statusCode() != 200) {
            answer.body().close();
            throw new IOException("GET " + path + " answered " + answer.statusCode());
        }
        return answer.body();
    }
}
