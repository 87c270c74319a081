package org.returnflow.infra.gateway;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.returnflow.infra.gateway.config.GatewayRoutesProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway's one Swagger UI: it lists the document of every routed service, reads each through
 * the gateway from the service's own {@code /v3/api-docs}, and offers Authorize with the
 * development client.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SwaggerUiIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpServer DETENTION;

    static {
        try {
            DETENTION = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            DETENTION.createContext("/", SwaggerUiIT::answer);
            DETENTION.start();
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final HttpClient client = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    GatewayRoutesProperties routes;

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        registry.add("returnflow.gateway.services.detention-service.uri",
                () -> "http://127.0.0.1:" + DETENTION.getAddress().getPort());
    }

    @AfterAll
    static void stop() {
        DETENTION.stop(0);
    }

    /** A service that publishes its document at /v3/api-docs and nothing else. */
    private static void answer(HttpExchange exchange) throws IOException {
        boolean docs = exchange.getRequestURI().getPath().equals("/v3/api-docs");
        byte[] reply = (docs ? "{\"openapi\":\"3.1.0\",\"info\":{\"title\":\"Returnflow detention-service\"}}"
                : "{\"status\":404}").getBytes(UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(docs ? 200 : 404, reply.length);
        exchange.getResponseBody().write(reply);
        exchange.close();
    }

    @Test
    void servesEachServicesDocumentFromTheService() throws Exception {
        HttpResponse<String> response = get("/v3/api-docs/detention-service");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).at("/info/title").asText()).isEqualTo("Returnflow detention-service");
    }

    @Test
    void listsTheDocumentOfEveryRoutedServiceFirstDetention() throws Exception {
        JsonNode config = JSON.readTree(get("/v3/api-docs/swagger-config").body());

        List<String> names = new ArrayList<>();
        config.path("urls").forEach(url -> {
            names.add(url.path("name").asText());
            assertThat(url.path("url").asText()).isEqualTo("/v3/api-docs/" + url.path("name").asText());
        });
        assertThat(names).containsExactlyInAnyOrderElementsOf(routes.services().keySet());
        assertThat(config.path("urls.primaryName").asText()).isEqualTo("detention-service");
    }

    @Test
    void authorizeFillsInTheDevelopmentClient() throws Exception {
        HttpResponse<String> initializer = get("/swagger-ui/swagger-initializer.js");

        assertThat(initializer.statusCode()).isEqualTo(200);
        assertThat(initializer.body()).contains("initOAuth").contains("\"clientId\":\"returnflow-dev\"");
    }

    @Test
    void theUsualAddressLeadsToSwaggerUi() throws Exception {
        HttpResponse<String> page = get("/swagger-ui.html");

        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith(
                "/swagger-ui/index.html"));
        assertThat(get("/swagger-ui/index.html").statusCode()).isEqualTo(200);
    }

    @Test
    void anUnknownServiceHasNoDocument() throws Exception {
        assertThat(get("/v3/api-docs/no-such-service").statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
