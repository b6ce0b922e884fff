package org.cohorte.codevelopment.process;

import java.util.List;
import java.util.UUID;

import org.cohorte.codevelopment.service.SessionProgress;
import org.springframework.stereotype.Component;

/**
 * The multi-instance collections of the session process ({@code ${codevelopmentRoster.consultants(sessionId)}}):
 * read from the domain when a step starts, so that process variables hold only ids and simple values.
 */
@Component("codevelopmentRoster")
public class SessionRoster {

    private final SessionProgress progress;

    public SessionRoster(SessionProgress progress) {
        this.progress = progress;
    }

    public List<String> consultants(String sessionId) {
        return progress.consultants(UUID.fromString(sessionId));
    }

    public List<String> everyone(String sessionId) {
        return progress.everyone(UUID.fromString(sessionId));
    }
}
