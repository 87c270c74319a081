package org.returnflow.workflow;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * A person logged into Tasklist, as a browser is: it takes the XSRF token from the first page,
 * logs in with the token, takes the new token (the session id rotates at login) and sends it with
 * every change, as Camunda's webapps require (PITFALLS.md).
 */
final class CamundaWebSession {

    private final String base;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient client;

    private CamundaWebSession(String base) {
        this.base = base;
        this.client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** Logs {@code user} into Tasklist on the workflow at {@code base} (e.g. http://localhost:8080). */
    static CamundaWebSession tasklist(String base, String user, String password) throws IOException, InterruptedException {
        CamundaWebSession session = new CamundaWebSession(base);
        session.get("/camunda/app/tasklist/default/");
        String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpResponse<String> login = session.client.send(HttpRequest.newBuilder(URI.create(base
                        + "/camunda/api/admin/auth/user/default/login/tasklist"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-XSRF-TOKEN", session.xsrf())
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (login.statusCode() != 200) {
            throw new IllegalStateException("Tasklist login of " + user + " answered " + login.statusCode() + ": "
                    + login.body());
        }
        session.get("/camunda/app/tasklist/default/");
        return session;
    }

    /** POSTs JSON to the webapps' engine API, as Tasklist does, e.g. {@code /task/<id>/submit-form}. */
    HttpResponse<String> postToEngine(String path, String json) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(base + "/camunda/api/engine/engine/default" + path))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("X-XSRF-TOKEN", xsrf())
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private void get(String path) throws IOException, InterruptedException {
        client.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.discarding());
    }

    private String xsrf() {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                .reduce((first, second) -> second).map(HttpCookie::getValue)
                .orElseThrow(() -> new IllegalStateException("Tasklist set no XSRF-TOKEN cookie"));
    }
}
