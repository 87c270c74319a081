package org.returnflow.platform.security;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import java.io.IOException;
import java.net.URI;

/**
 * 401 and 403 as RFC 9457 problem responses. Security errors happen in filters, before any
 * controller advice can run, so they are written here.
 */
public final class ProblemSecurityHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

    /** Spring's builder registers the mixin that writes a ProblemDetail's properties as members. */
    private static final ObjectMapper JSON = Jackson2ObjectMapperBuilder.json()
            .serializationInclusion(JsonInclude.Include.NON_NULL).build();

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer");
        write(response, request, HttpStatus.UNAUTHORIZED, "unauthenticated", wrongAudience(e)
                ? "The bearer token is meant for another service: its audience (aud) does not name this one"
                : "A valid bearer token is required: get one from the authorisation server with client credentials");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        write(response, request, HttpStatus.FORBIDDEN, "forbidden",
                "The token does not grant the scope this request needs");
    }

    /** Whether the token was refused only because it names other services (see the audience validator). */
    private static boolean wrongAudience(AuthenticationException e) {
        return e instanceof OAuth2AuthenticationException oauth && oauth.getMessage() != null
                && oauth.getMessage().contains("audience (aud)");
    }

    /** Writes a problem response directly; also used by filters that refuse a request. */
    public static void write(HttpServletResponse response, HttpServletRequest request, HttpStatus status,
                             String slug, String detail) throws IOException {
        write(response, request, problem(status, slug, detail));
    }

    /** A problem of this status, with the type {@code https://returnflow.org/problems/<slug>}. */
    public static ProblemDetail problem(HttpStatus status, String slug, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("https://returnflow.org/problems/" + slug));
        return problem;
    }

    /** Writes a problem response directly, with whatever properties it carries (such as {@code errors}). */
    public static void write(HttpServletResponse response, HttpServletRequest request, ProblemDetail problem)
            throws IOException {
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        JSON.writeValue(response.getOutputStream(), problem);
    }
}
