package org.returnflow.platform.openapi;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.OAuthFlow;
import io.swagger.v3.oas.models.security.OAuthFlows;
import io.swagger.v3.oas.models.security.Scopes;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Makes every service's OpenAPI document say what the service enforces: the bearer-token scheme
 * (OAuth2 client credentials against the authorisation server) with, on each operation, the scopes
 * its security filter chains accept ({@link ScopeProbe}), and the problem responses each operation
 * can return ({@link ProblemResponseRule}), with the {@code application/problem+json} schema.
 */
final class ApiContract implements GlobalOpenApiCustomizer {

    /** The name of the security scheme in {@code components.securitySchemes}. */
    static final String SCHEME = "bearerJwt";
    static final String PROBLEM_JSON = "application/problem+json";
    private static final String PROBLEM_SCHEMA = "#/components/schemas/Problem";
    private static final Logger log = LoggerFactory.getLogger(ApiContract.class);

    private final OpenApiProperties properties;
    private final String tokenUrl;
    private final Supplier<ScopeProbe> probes;
    private final ProblemResponseRule rule = new ProblemResponseRule();

    /** @param probes asks the security filter chains once the application runs */
    ApiContract(OpenApiProperties properties, String tokenUrl, Supplier<ScopeProbe> probes) {
        this.properties = properties;
        this.tokenUrl = tokenUrl;
        this.probes = probes;
    }

    @Override
    public void customise(OpenAPI api) {
        if (api.getPaths() == null) {
            return;
        }
        if (api.getComponents() == null) {
            api.setComponents(new Components());
        }
        ScopeProbe probe = probes.get();
        Set<String> scopesUsed = new TreeSet<>();
        Set<ProblemStatus> responsesUsed = EnumSet.noneOf(ProblemStatus.class);
        boolean[] secured = {false};
        boolean[] problemsUsed = {false};
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            OperationAccess access = probe.access(method.name(), path, properties.getScopes().keySet());
            if (operation.getSecurity() == null) {
                operation.setSecurity(requirements(access));
            }
            if (access.refused()) {
                log.warn("No scope of returnflow.openapi.scopes opens {} {}", method, path);
                operation.setDescription(join(operation.getDescription(),
                        "No scope that the authorisation server issues opens this operation."));
            }
            secured[0] |= access.needsToken();
            scopesUsed.addAll(access.scopes());
            if (operation.getResponses() == null) {
                operation.setResponses(new ApiResponses());
            }
            for (ProblemStatus status : rule.statuses(method.name(), path, operation, access)) {
                if (!operation.getResponses().containsKey(status.code())) {
                    operation.getResponses().addApiResponse(status.code(), new ApiResponse().$ref(status.ref()));
                    responsesUsed.add(status);
                }
            }
            problemsUsed[0] |= describeDeclaredProblems(operation) || !responsesUsed.isEmpty();
        }));
        if (secured[0]) {
            api.getComponents().addSecuritySchemes(SCHEME, scheme(scopesUsed));
        }
        if (problemsUsed[0]) {
            addProblemSchemas(api);
        }
        for (ProblemStatus status : responsesUsed) {
            api.getComponents().addResponses(status.component, response(status, openApi31(api)));
        }
    }

    private static List<SecurityRequirement> requirements(OperationAccess access) {
        List<SecurityRequirement> requirements = new ArrayList<>();
        if (access.open()) {
            return requirements;
        }
        if (access.scopes().isEmpty()) {
            requirements.add(new SecurityRequirement().addList(SCHEME, List.of()));
        }
        for (String scope : access.scopes()) {
            requirements.add(new SecurityRequirement().addList(SCHEME, scope));
        }
        return requirements;
    }

    /**
     * A 4xx an operation declares itself (with {@code @ApiResponse}) has the problem body too, not
     * the body springdoc takes from the method's return type.
     */
    private static boolean describeDeclaredProblems(Operation operation) {
        boolean any = false;
        for (Map.Entry<String, ApiResponse> entry : operation.getResponses().entrySet()) {
            ApiResponse response = entry.getValue();
            if (entry.getKey().startsWith("4") && response.get$ref() == null) {
                if (response.getContent() == null || !response.getContent().containsKey(PROBLEM_JSON)) {
                    response.setContent(problemContent());
                }
                any = true;
            }
        }
        return any;
    }

    private SecurityScheme scheme(Set<String> scopesUsed) {
        Scopes scopes = new Scopes();
        scopesUsed.forEach(scope -> scopes.addString(scope, properties.getScopes().get(scope)));
        return new SecurityScheme()
                .type(SecurityScheme.Type.OAUTH2)
                .description("A bearer JWT (RS256) from the Returnflow authorisation server, got with client "
                        + "credentials: `POST " + tokenUrl + "` with the client's id and secret and "
                        + "`grant_type=client_credentials`. Send it as `Authorization: Bearer <token>`. Each "
                        + "operation lists the scopes of which its token needs one.")
                .flows(new OAuthFlows().clientCredentials(new OAuthFlow().tokenUrl(tokenUrl).scopes(scopes)));
    }

    private static void addProblemSchemas(OpenAPI api) {
        Map<String, Schema> schemas = ModelConverters.getInstance(openApi31(api))
                .readAll(new AnnotatedType(ProblemDocument.class));
        schemas.forEach((name, schema) -> {
            if (api.getComponents().getSchemas() == null || !api.getComponents().getSchemas().containsKey(name)) {
                api.getComponents().addSchemas(name, schema);
            }
        });
    }

    private static ApiResponse response(ProblemStatus status, boolean openApi31) {
        ApiResponse response = new ApiResponse().description(status.description).content(new Content()
                .addMediaType(PROBLEM_JSON, new MediaType().schema(new Schema<>().$ref(PROBLEM_SCHEMA))
                        .example(status.example())));
        if (status == ProblemStatus.UNAUTHORIZED) {
            response.addHeaderObject("WWW-Authenticate", new Header()
                    .description("`Bearer`: the scheme the operation needs").schema(typed("string", openApi31)));
        }
        if (status == ProblemStatus.TOO_MANY_REQUESTS) {
            response.addHeaderObject("Retry-After", new Header()
                    .description("Seconds until the client's budget is refilled").schema(typed("integer", openApi31)));
        }
        return response;
    }

    private static Content problemContent() {
        return new Content().addMediaType(PROBLEM_JSON, new MediaType().schema(new Schema<>().$ref(PROBLEM_SCHEMA)));
    }

    private static Schema<?> typed(String type, boolean openApi31) {
        Schema<?> schema = new Schema<>();
        return openApi31 ? schema.types(Set.of(type)) : schema.type(type);
    }

    private static boolean openApi31(OpenAPI api) {
        return api.getOpenapi() != null && api.getOpenapi().startsWith("3.1");
    }

    private static String join(String first, String second) {
        return first == null || first.isBlank() ? second : first + "\n\n" + second;
    }
}
