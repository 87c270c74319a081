package org.returnflow.workflow.engine;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.returnflow.contracts.ContractJson;
import org.returnflow.platform.security.ProblemSecurityHandlers;
import org.returnflow.platform.web.ProblemResponses.FieldProblem;
import org.returnflow.workflow.domain.CaseRecords;
import org.returnflow.workflow.process.RemedyJournal;
import org.returnflow.workflow.process.ReviewRefused;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Guards what people do to cases through the engine's REST API, {@code /engine-rest/**}, and the
 * webapps' copy of it that Tasklist and Cockpit call, {@code /camunda/api/engine/engine/<name>/**}:
 * <ul>
 *   <li><b>Task completion takes the form's fields only.</b> A complete, submit-form or resolve of a
 *   task whose form declares its fields is refused with a 400 problem naming each other variable
 *   it carries, before the engine sees it; nothing changes.</li>
 *   <li><b>A refused decision is a client error.</b> When the safeguards refuse a review or approval
 *   ({@link ReviewRefused}), the engine's wrapped error becomes a 422 problem with the reason, and
 *   the task stays open.</li>
 *   <li><b>Messages and signals are for the services.</b> {@code POST /message} and {@code /signal}
 *   are closed to every human user (403).</li>
 *   <li><b>Refusals are on record.</b> Each of these refusals, and every 403 the engine gives a
 *   change to a case, is written to the case's history with the user.</li>
 * </ul>
 * The engine itself still decides who may do what (authorisations) and still refuses what the
 * safeguards do not allow: this guard only makes those answers clear and recorded.
 */
public class EngineRequestGuard extends OncePerRequestFilter {

    private static final Pattern ENGINE_PATH = Pattern.compile("^(?:/engine-rest|/camunda/api/engine/engine/[^/]+)(/.*)$");
    private static final Pattern TASK_SUBMIT = Pattern.compile("^/task/([^/]+)/(complete|submit-form|resolve)$");
    private static final Pattern CORRELATION = Pattern.compile("^/(message|signal)(/.*)?$");
    private static final Pattern CASE_SUBJECT = Pattern.compile("^/(process-instance|task|execution)/([^/]+)(/.*)?$");
    private static final Set<String> CHANGES = Set.of("POST", "PUT", "DELETE", "PATCH");

    private final EngineCases cases;
    private final TaskForms forms;
    private final CaseRecords records;
    private final RemedyJournal remedies;
    private final IdentityService identity;

    public EngineRequestGuard(EngineCases cases, TaskForms forms, CaseRecords records, RemedyJournal remedies,
                              IdentityService identity) {
        this.remedies = remedies;
        this.cases = cases;
        this.forms = forms;
        this.records = records;
        this.identity = identity;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !CHANGES.contains(request.getMethod()) || !ENGINE_PATH.matcher(path(request)).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Matcher engine = ENGINE_PATH.matcher(path(request));
        engine.matches();
        String resource = engine.group(1);
        if (CORRELATION.matcher(resource).matches() && "POST".equals(request.getMethod())) {
            refuseCorrelation(request, response, resource);
            return;
        }
        Matcher submit = TASK_SUBMIT.matcher(resource);
        if (submit.matches() && "POST".equals(request.getMethod())) {
            submitTask(request, response, chain, submit.group(1), submit.group(2));
            return;
        }
        ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, answer);
            if (answer.getStatus() == HttpServletResponse.SC_FORBIDDEN) {
                caseOf(resource).ifPresent(caseId -> records.append(caseId, user(request), "ENGINE_ACCESS_REFUSED",
                        request.getMethod() + " " + resource + ": the engine refused it (403)"));
            }
        } finally {
            answer.copyBodyToResponse();
        }
    }

    private void refuseCorrelation(HttpServletRequest request, HttpServletResponse response, String resource)
            throws IOException {
        byte[] body = request.getInputStream().readAllBytes();
        String kind = resource.startsWith("/message") ? "Messages" : "Signals";
        JsonNode json = readJson(body);
        String businessKey = json == null ? null : json.path("businessKey").asText(null);
        cases.caseOfBusinessKey(businessKey).ifPresent(caseId -> records.append(caseId, user(request),
                "ENGINE_ACCESS_REFUSED", "POST " + resource + " " + json.path("messageName").asText(json.path("name").asText(""))
                        + ": closed to people"));
        ProblemSecurityHandlers.write(response, request, HttpStatus.FORBIDDEN, "forbidden", kind
                + " are sent by the services over Kafka; no person may correlate a message or throw a signal");
    }

    private void submitTask(HttpServletRequest request, HttpServletResponse response, FilterChain chain, String taskId,
                            String operation) throws ServletException, IOException {
        byte[] body = request.getInputStream().readAllBytes();
        Optional<EngineCases.OpenTask> task = cases.openTask(taskId);
        if (task.isPresent()) {
            Optional<Set<String>> declared = task.get().formRef() == null ? Optional.empty()
                    : forms.fields(task.get().formRef());
            List<String> undeclared = new ArrayList<>();
            JsonNode json = readJson(body);
            if (json == null && body.length > 0) {
                refuse(request, response, task.get(), HttpStatus.BAD_REQUEST, "The body is not JSON",
                        List.of(new FieldProblem("body", "not JSON")));
                return;
            }
            if (declared.isPresent() && json != null) {
                for (Iterator<String> names = json.path("variables").fieldNames(); names.hasNext(); ) {
                    String name = names.next();
                    if (!declared.get().contains(name)) {
                        undeclared.add(name);
                    }
                }
            }
            if (!undeclared.isEmpty()) {
                refuse(request, response, task.get(), HttpStatus.BAD_REQUEST, "The task '" + task.get().name()
                                + "' takes only the fields of its form " + task.get().formRef() + " " + declared.get()
                                + "; refused: " + String.join(", ", undeclared),
                        undeclared.stream().map(name -> new FieldProblem("variables." + name,
                                "not a field of the form " + task.get().formRef())).toList());
                return;
            }
        }
        ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
        chain.doFilter(new CachedBody(request, body), answer);
        Optional<String> reason = answer.getStatus() >= 400 ? refusalIn(answer.getContentAsByteArray()) : Optional.empty();
        if (reason.isPresent() && task.isPresent()) {
            answer.resetBuffer();
            refuse(request, response, task.get(), HttpStatus.UNPROCESSABLE_ENTITY, reason.get(), List.of());
            return;
        }
        if (answer.getStatus() == HttpServletResponse.SC_FORBIDDEN && task.isPresent()) {
            onRecord(task.get(), user(request), "ENGINE_ACCESS_REFUSED", operation + " of task '"
                    + task.get().name() + "': the engine refused it (403)");
        }
        answer.copyBodyToResponse();
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, EngineCases.OpenTask task,
                        HttpStatus status, String detail, List<FieldProblem> errors) throws IOException {
        onRecord(task, user(request), "TASK_COMPLETION_REFUSED", "'" + task.name() + "' (" + status.value()
                + "): " + detail);
        ProblemDetail problem = ProblemSecurityHandlers.problem(status,
                status == HttpStatus.UNPROCESSABLE_ENTITY ? "business-rule" : "invalid-request", detail);
        problem.setTitle(status == HttpStatus.UNPROCESSABLE_ENTITY ? "Refused by the safeguards" : "Invalid request");
        // Tasklist shows an error's "message".
        problem.setProperty("message", detail);
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        ProblemSecurityHandlers.write(response, request, problem);
    }

    /** Into the history of what the task belongs to: its case, or its remedy. */
    private void onRecord(EngineCases.OpenTask task, String user, String kind, String detail) {
        if (task.caseId() != null) {
            records.append(task.caseId(), user, kind, detail);
        } else if (task.remedyId() != null) {
            remedies.record(task.remedyId().toString(), user, kind, detail);
        }
    }

    /** The case a change to this engine resource is about, if it is one. */
    private Optional<UUID> caseOf(String resource) {
        Matcher subject = CASE_SUBJECT.matcher(resource);
        if (!subject.matches()) {
            return Optional.empty();
        }
        return switch (subject.group(1)) {
            case "process-instance" -> cases.caseOfProcessInstance(subject.group(2));
            case "task" -> cases.openTask(subject.group(2)).map(EngineCases.OpenTask::caseId);
            default -> cases.caseOfExecution(subject.group(2));
        };
    }

    /** Who sent the request: the engine user that Camunda's authentication named, or the webapp session's. */
    private String user(HttpServletRequest request) {
        Authentication current = identity.getCurrentAuthentication();
        if (current != null && current.getUserId() != null) {
            return current.getUserId();
        }
        HttpSession session = request.getSession(false);
        Authentications webapp = session == null ? Authentications.getCurrent() : AuthenticationUtil.getAuthsFromSession(session);
        if (webapp != null) {
            for (UserAuthentication user : webapp.getAuthentications()) {
                return user.getName();
            }
        }
        return "unknown";
    }

    /** The safeguards' reason, when the engine's error answer is a {@link ReviewRefused}. */
    private static Optional<String> refusalIn(byte[] engineAnswer) {
        JsonNode error = readJson(engineAnswer);
        String message = error == null ? new String(engineAnswer, StandardCharsets.UTF_8) : error.path("message").asText("");
        int at = message.indexOf(ReviewRefused.MARKER);
        if (at < 0) {
            return Optional.empty();
        }
        // The engine quotes the cause's message inside its own ("...: 'Refused by ...: reason'"); no reason of
        // ours ends with a quote, so a trailing one is the engine's.
        String reason = message.substring(at + ReviewRefused.MARKER.length()).strip();
        return Optional.of(reason.endsWith("'") ? reason.substring(0, reason.length() - 1) : reason);
    }

    private static JsonNode readJson(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            return ContractJson.mapper().readTree(body);
        } catch (IOException notJson) {
            return null;
        }
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    /** The request again, with the body this guard has read. */
    private static final class CachedBody extends HttpServletRequestWrapper {

        private final byte[] body;

        CachedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("synchronous reads only");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
