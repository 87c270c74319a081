package org.returnflow.platform.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.servers.Server;
import jakarta.servlet.ServletContext;
import org.returnflow.platform.config.ResourceServerAutoConfiguration;
import org.returnflow.platform.security.SecurityProperties;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.handler.HandlerMappingIntrospector;

import java.util.List;

/**
 * The OpenAPI document of every Returnflow service ({@code /v3/api-docs}, Swagger UI at
 * {@code /swagger-ui.html}): its title and server, the bearer-token scheme with the scopes of each
 * operation, and the problem responses. Swagger UI's Authorize button gets a token from the
 * authorisation server with client credentials (settings in returnflow-defaults.properties).
 */
@AutoConfiguration(after = ResourceServerAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(GlobalOpenApiCustomizer.class)
@EnableConfigurationProperties(OpenApiProperties.class)
public class OpenApiAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    OpenAPI returnflowOpenApi(OpenApiProperties properties, Environment environment) {
        String application = environment.getProperty("spring.application.name", "service");
        String title = properties.getTitle() != null ? properties.getTitle() : "Returnflow " + application;
        String description = properties.getDescription() != null ? properties.getDescription()
                : "The HTTP API of Returnflow's " + application + ". Every `/api` call needs a bearer JWT from the "
                + "authorisation server, got with client credentials (Swagger UI's Authorize button gets one), "
                + "and each operation lists the scopes it accepts. Every error is an RFC 9457 problem "
                + "(`application/problem+json`); invalid fields are named in `errors`. Responses leave out "
                + "members whose value is null.";
        return new OpenAPI()
                .info(new Info().title(title).version(properties.getVersion()).description(description))
                .servers(List.of(new Server().url(properties.getServerUrl()).description(
                        "Where this document was read from: the gateway, or the service itself")));
    }

    @Bean
    GlobalOpenApiCustomizer returnflowApiContract(OpenApiProperties properties, SecurityProperties security,
            ObjectProvider<SecurityFilterChain> chains, ObjectProvider<ServletContext> servletContext,
            ObjectProvider<HandlerMappingIntrospector> introspector, Environment environment) {
        String tokenUrl = properties.getTokenUrl() != null ? properties.getTokenUrl()
                : security.getIssuer().replaceAll("/+$", "") + "/oauth2/token";
        String contextPath = environment.getProperty("server.servlet.context-path", "");
        return new ApiContract(properties, tokenUrl, () -> new ScopeProbe(chains.orderedStream().toList(),
                servletContext.getIfAvailable(), introspector.getIfAvailable(), contextPath));
    }
}
