package org.returnflow.platform.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.returnflow.platform.config.ResourceServerAutoConfiguration;
import org.returnflow.platform.config.WebProblemAutoConfiguration;
import org.returnflow.platform.security.ApiAccessRules;
import org.springdoc.core.configuration.SpringDocConfiguration;
import org.springdoc.core.properties.SpringDocConfigProperties;
import org.springdoc.core.properties.SwaggerUiConfigProperties;
import org.springdoc.core.properties.SwaggerUiOAuthProperties;
import org.springdoc.webmvc.core.configuration.SpringDocWebMvcConfiguration;
import org.springdoc.webmvc.ui.SwaggerConfig;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document a service publishes says what its security chains enforce: the scopes of
 * each operation come from its {@link ApiAccessRules}, and the problem responses follow the rule.
 * The application runs in a real servlet container beside a second servlet, as the workflow runs
 * beside Camunda's Jersey servlets, where Spring Security cannot tell MVC patterns from the path.
 */
@SpringBootTest(classes = OpenApiDocumentTest.Service.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "returnflow.security.issuer=http://auth.example:9100")
class OpenApiDocumentTest {

    @SpringBootConfiguration
    @Import({Rules.class, ThingController.class})
    @ImportAutoConfiguration({PropertyPlaceholderAutoConfiguration.class, ServletWebServerFactoryAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
            WebMvcAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class,
            JacksonAutoConfiguration.class, ValidationAutoConfiguration.class, SecurityAutoConfiguration.class,
            ResourceServerAutoConfiguration.class, WebProblemAutoConfiguration.class,
            SpringDocConfiguration.class, SpringDocConfigProperties.class, SpringDocWebMvcConfiguration.class,
            SwaggerConfig.class, SwaggerUiConfigProperties.class, SwaggerUiOAuthProperties.class,
            OpenApiAutoConfiguration.class})
    static class Service {
        /** Another servlet in the same application, like Camunda's. */
        @Bean
        ServletRegistrationBean<HttpServlet> otherServlet() {
            return new ServletRegistrationBean<>(new HttpServlet() {
            }, "/other/*");
        }
    }

    record NewThing(@NotBlank String name) {
    }

    @RestController
    static class ThingController {
        @GetMapping("/api/things")
        List<String> list() {
            return List.of();
        }

        @GetMapping("/api/things/{id}")
        String get(@PathVariable UUID id) {
            return "thing";
        }

        @PostMapping("/api/things")
        NewThing create(@Valid @RequestBody NewThing thing) {
            return thing;
        }

        @PatchMapping("/api/things/{id}")
        @ApiResponse(responseCode = "200", description = "The changed thing")
        @ApiResponse(responseCode = "428", description = "If-Match is required")
        String amend(@PathVariable UUID id, @RequestHeader(name = "If-Match", required = false) String ifMatch,
                     @RequestBody NewThing thing) {
            return "thing";
        }

        @GetMapping("/api/shared")
        String shared() {
            return "either scope";
        }

        @GetMapping("/api/unruled")
        String unruled() {
            return "no rule names this";
        }
    }

    static class Rules {
        @Bean
        ApiAccessRules thingRules() {
            return rules -> rules
                    .requestMatchers(HttpMethod.GET, "/api/things", "/api/things/*")
                    .hasAuthority(ApiAccessRules.scope("detention:read"))
                    .requestMatchers(HttpMethod.POST, "/api/things").hasAuthority(ApiAccessRules.scope("detention:write"))
                    .requestMatchers(HttpMethod.PATCH, "/api/things/*").hasAuthority(ApiAccessRules.scope("detention:write"))
                    .requestMatchers(HttpMethod.GET, "/api/shared")
                    .hasAnyAuthority(ApiAccessRules.scope("consent:read"), ApiAccessRules.scope("cases:read"));
        }
    }

    @Autowired
    TestRestTemplate http;

    JsonNode doc;

    @BeforeEach
    void read() throws Exception {
        ResponseEntity<String> response = http.getForEntity("/v3/api-docs", String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        doc = new ObjectMapper().readTree(response.getBody());
    }

    @Test
    void theRulesStillHoldForRealCalls() {
        assertThat(http.getForEntity("/api/things", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void declaresTheClientCredentialsSchemeWithTheScopesTheServiceUses() {
        JsonNode scheme = doc.at("/components/securitySchemes/bearerJwt");
        assertThat(scheme.path("type").asText()).isEqualTo("oauth2");
        JsonNode flow = scheme.at("/flows/clientCredentials");
        assertThat(flow.path("tokenUrl").asText()).isEqualTo("http://auth.example:9100/oauth2/token");
        assertThat(names(flow.path("scopes")))
                .containsExactlyInAnyOrder("detention:read", "detention:write", "consent:read", "cases:read");
        assertThat(flow.at("/scopes/detention:read").asText()).isNotBlank();
    }

    @Test
    void eachOperationNamesTheScopesItsRulesAccept() {
        assertThat(security("/api/things", "get")).containsExactly("bearerJwt:detention:read");
        assertThat(security("/api/things/{id}", "get")).containsExactly("bearerJwt:detention:read");
        assertThat(security("/api/things", "post")).containsExactly("bearerJwt:detention:write");
        assertThat(security("/api/shared", "get")).containsExactlyInAnyOrder("bearerJwt:consent:read",
                "bearerJwt:cases:read");
    }

    @Test
    void anOperationNoScopeOpensSaysSo() {
        assertThat(security("/api/unruled", "get")).containsExactly("bearerJwt:");
        assertThat(doc.at("/paths/~1api~1unruled/get/description").asText()).contains("No scope");
    }

    @Test
    void problemResponsesFollowTheRule() {
        assertThat(codes("/api/things", "get")).containsExactlyInAnyOrder("200", "401", "403", "429");
        assertThat(codes("/api/things/{id}", "get")).containsExactlyInAnyOrder("200", "400", "401", "403", "404", "429");
        assertThat(codes("/api/things", "post"))
                .containsExactlyInAnyOrder("200", "400", "401", "403", "409", "422", "429");
        assertThat(codes("/api/things/{id}", "patch"))
                .containsExactlyInAnyOrder("200", "400", "401", "403", "404", "409", "412", "422", "428", "429");
        assertThat(operation("/api/things/{id}", "get").at("/responses/404/$ref").asText())
                .isEqualTo("#/components/responses/NotFound");
    }

    @Test
    void everyProblemIsProblemJsonWithNamedFields() {
        for (String name : names(doc.at("/components/responses"))) {
            JsonNode body = doc.at("/components/responses/" + name + "/content/application~1problem+json");
            assertThat(body.at("/schema/$ref").asText()).as(name).isEqualTo("#/components/schemas/Problem");
            assertThat(body.at("/example/type").asText()).as(name).startsWith("https://returnflow.org/problems/");
        }
        assertThat(doc.at("/components/responses/NotFound/content/application~1problem+json/example/status").asInt())
                .isEqualTo(404);
        assertThat(doc.at("/components/responses/BadRequest/content/application~1problem+json/example/errors/0/field")
                .asText()).isEqualTo("nationality");
        assertThat(operation("/api/things/{id}", "patch")
                .at("/responses/428/content/application~1problem+json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/Problem");
        JsonNode problem = doc.at("/components/schemas/Problem");
        assertThat(names(problem.path("properties")))
                .containsExactlyInAnyOrder("type", "title", "status", "detail", "instance", "errors");
        assertThat(problem.at("/properties/errors/items/$ref").asText()).isEqualTo("#/components/schemas/ProblemField");
        assertThat(doc.at("/components/schemas/ProblemField/required").toString())
                .contains("field").contains("reason");
        assertThat(doc.at("/components/responses/TooManyRequests/headers/Retry-After").isMissingNode()).isFalse();
        assertThat(doc.at("/components/responses/Unauthorized/headers/WWW-Authenticate").isMissingNode()).isFalse();
    }

    @Test
    void theServerIsWhereTheDocumentWasRead() {
        assertThat(doc.at("/servers/0/url").asText()).isEqualTo("/");
        assertThat(doc.at("/info/title").asText()).isNotBlank();
    }

    @Test
    void swaggerUiFillsInTheDevelopmentClient() {
        ResponseEntity<String> initializer = http.getForEntity("/swagger-ui/swagger-initializer.js", String.class);
        assertThat(initializer.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(initializer.getBody()).contains("initOAuth").contains("\"clientId\":\"returnflow-dev\"");
    }

    private JsonNode operation(String path, String method) {
        JsonNode operation = doc.path("paths").path(path).path(method);
        assertThat(operation.isMissingNode()).as("%s %s", method, path).isFalse();
        return operation;
    }

    private List<String> codes(String path, String method) {
        return names(operation(path, method).path("responses"));
    }

    /** Each requirement as scheme:scope, one entry per requirement and scope (scheme: alone when none). */
    private List<String> security(String path, String method) {
        List<String> out = new ArrayList<>();
        for (JsonNode requirement : operation(path, method).path("security")) {
            requirement.fields().forEachRemaining(e -> {
                if (e.getValue().isEmpty()) {
                    out.add(e.getKey() + ":");
                }
                e.getValue().forEach(scope -> out.add(e.getKey() + ":" + scope.asText()));
            });
        }
        return out;
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
