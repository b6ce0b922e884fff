package org.cohorte.community.ui;

import org.cohorte.community.service.CalendarService;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves a member's community calendar to calendar applications, which cannot sign in: the secret token in
 * the address is the credential (a member can have a new one by asking the facilitator to reset it).
 */
@RestController
public class CalendarFeedController {

    private final CalendarService calendarService;

    public CalendarFeedController(CalendarService calendarService) {
        this.calendarService = calendarService;
    }

    @GetMapping(CalendarService.FEED_PATH + "{token}.ics")
    public ResponseEntity<String> feed(@PathVariable String token) {
        return calendarService.feed(token)
                .map(body -> ResponseEntity.ok()
                        .contentType(new MediaType("text", "calendar", java.nio.charset.StandardCharsets.UTF_8))
                        .header(HttpHeaders.CACHE_CONTROL, "private, max-age=300")
                        .body(body))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }
}
