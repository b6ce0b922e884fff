package org.cohorte.identity.security;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.cohorte.identity.service.CurrentUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;

/**
 * What the engine's REST API may be used for, at both of its doors: {@code /engine-rest} and the copy Cockpit
 * calls under {@code /camunda/api/engine}. Only administrators reach them (the filter chains see to that), and
 * only to operate the engine: read anything, query, and a short list of operations (retries, suspension,
 * incident notes). Everything else is refused, whoever asks, because people act on tasks, cases and records
 * only through Cohorte's services, and models come only from the application: no task completion, claim,
 * assignment or identity link, no variable write, no deployment, start, message, signal, modification,
 * migration, decision evaluation, no user, group or authorization change (those go through *Membres*).
 * An allow-list, so that an endpoint added by a later Camunda release is refused until someone decides.
 */
public class EngineApiGate extends OncePerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(EngineApiGate.class);

    /** The two doors, and an optional named engine: the rest of the path is the resource. */
    private static final Pattern DOOR = Pattern.compile("^(?:/engine-rest|/camunda/api/engine)(?:/engine/[^/]+)?(/.*)?$");

    /** Read-only queries sent as POST (their filters travel in the body). */
    private static final Pattern QUERY = Pattern.compile(
            "^/(?:task|process-instance|execution|variable-instance|job|job-definition|external-task|incident"
                    + "|group|case-instance|case-execution)(?:/count)?/?$"
                    + "|^/history/(?!cleanup)[a-z-]+(?:/count)?/?$");

    private record Operation(String method, Pattern path) {
    }

    /** Operating the engine, as Cockpit does it: retry failed jobs, suspend and resume, annotate incidents. */
    private static final List<Operation> OPERATIONS = List.of(
            op("PUT", "^/job/[^/]+/retries$"),
            op("POST", "^/job/retries$"),
            op("PUT", "^/job/[^/]+/suspended$"),
            op("PUT", "^/job/suspended$"),
            op("PUT", "^/job-definition/[^/]+/retries$"),
            op("PUT", "^/job-definition/[^/]+/suspended$"),
            op("PUT", "^/job-definition/suspended$"),
            op("PUT", "^/process-instance/[^/]+/suspended$"),
            op("PUT", "^/process-instance/suspended$"),
            op("POST", "^/process-instance/suspended-async$"),
            op("PUT", "^/process-definition/[^/]+/suspended$"),
            op("PUT", "^/process-definition/key/[^/]+/suspended$"),
            op("PUT", "^/process-definition/suspended$"),
            op("PUT", "^/incident/[^/]+/annotation$"),
            op("DELETE", "^/incident/[^/]+/annotation$"),
            op("PUT", "^/batch/[^/]+/suspended$"));

    /** Headers some JAX-RS set-ups honour to turn one method into another: never let a GET become a PUT. */
    private static final List<String> METHOD_OVERRIDES = List.of("X-HTTP-Method-Override", "X-HTTP-Method",
            "X-Method-Override");

    private final UrlPathHelper paths = new UrlPathHelper();
    private final JsonRefusals refusals;
    private final CurrentUser currentUser;

    public EngineApiGate(JsonRefusals refusals, CurrentUser currentUser) {
        this.refusals = refusals;
        this.currentUser = currentUser;
    }

    private static Operation op(String method, String path) {
        return new Operation(method, Pattern.compile(path));
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !DOOR.matcher(paths.getPathWithinApplication(request)).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = paths.getPathWithinApplication(request);
        Matcher door = DOOR.matcher(path);
        String resource = door.matches() && door.group(1) != null ? door.group(1) : "/";
        String method = request.getMethod().toUpperCase(Locale.ROOT);
        if (allowed(method, resource) && METHOD_OVERRIDES.stream().noneMatch(h -> request.getHeader(h) != null)) {
            chain.doFilter(request, response);
            return;
        }
        LOG.info("Refused {} {} for {}: the engine's API is for operating the engine, people act through Cohorte",
                method, path, currentUser.find().map(CurrentUser.Identity::userId).orElse("anonymous"));
        refusals.write(request, response, HttpServletResponse.SC_FORBIDDEN, "security.engineApi.refused");
    }

    static boolean allowed(String method, String resource) {
        return switch (method) {
            case "GET", "HEAD", "OPTIONS" -> true;
            case "POST" -> QUERY.matcher(resource).matches() || operation(method, resource);
            default -> operation(method, resource);
        };
    }

    private static boolean operation(String method, String resource) {
        return OPERATIONS.stream().anyMatch(o -> o.method().equals(method) && o.path().matcher(resource).matches());
    }
}
