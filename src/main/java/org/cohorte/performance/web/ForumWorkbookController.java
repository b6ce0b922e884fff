package org.cohorte.performance.web;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import org.cohorte.base.error.CohorteException;
import org.cohorte.base.error.ForbiddenException;
import org.cohorte.base.error.NotFoundException;
import org.cohorte.base.i18n.CohorteI18NProvider;
import org.cohorte.performance.service.ForumWorkbookData;
import org.cohorte.performance.service.ForumWorkbookService;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/performance/forum-workbook?period=2026-Q1&organization=<id>...}: the same workbook as the
 * steering room's button, for the organizations the caller may read (all of them when none is named).
 */
@RestController
@RequestMapping("/api/performance")
class ForumWorkbookController {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final ForumWorkbookService workbookService;
    private final CohorteI18NProvider i18n;

    ForumWorkbookController(ForumWorkbookService workbookService, CohorteI18NProvider i18n) {
        this.workbookService = workbookService;
        this.i18n = i18n;
    }

    @GetMapping("/forum-workbook")
    void workbook(@RequestParam String period, @RequestParam(name = "organization", required = false) List<UUID> organizations,
                  @RequestParam(name = "lang", required = false) String lang,
                  @RequestHeader(name = "Accept-Language", required = false) String acceptLanguage,
                  HttpServletResponse response) throws IOException {
        Locale locale = CohorteI18NProvider.supported(lang != null ? lang : acceptLanguage);
        List<UUID> ids = organizations == null ? List.of() : organizations;
        // Refuses before anything is written, so that a refusal is a clean error response.
        ForumWorkbookData probe = workbookService.collect(period, ids, locale);
        response.setContentType(XLSX);
        response.setHeader("Content-Disposition", "attachment; filename=\"forum-" + probe.period() + ".xlsx\"");
        workbookService.export(period, ids, locale, response.getOutputStream(), null);
    }

    @ExceptionHandler(CohorteException.class)
    ResponseEntity<String> refused(CohorteException e, jakarta.servlet.http.HttpServletRequest request) {
        String lang = request.getParameter("lang") != null ? request.getParameter("lang") : request.getHeader("Accept-Language");
        HttpStatus status = e instanceof NotFoundException ? HttpStatus.NOT_FOUND
                : e instanceof ForbiddenException ? HttpStatus.FORBIDDEN : HttpStatus.BAD_REQUEST;
        return ResponseEntity.status(status).contentType(new MediaType(MediaType.TEXT_PLAIN, java.nio.charset.StandardCharsets.UTF_8))
                .body(i18n.getTranslation(e.getMessageKey(), CohorteI18NProvider.supported(lang), e.getArgs()));
    }
}
