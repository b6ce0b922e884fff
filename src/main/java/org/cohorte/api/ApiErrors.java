package org.cohorte.api;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import org.camunda.bpm.engine.AuthorizationException;
import org.cohorte.base.error.CohorteException;
import org.cohorte.base.error.ConflictException;
import org.cohorte.base.error.ForbiddenException;
import org.cohorte.base.error.NotFoundException;
import org.cohorte.base.error.TooManyRequestsException;
import org.cohorte.base.i18n.CohorteI18NProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Turns refusals into {@code {"error": key, "message": text}} with 400/403/404/409/422/429, in French or English. */
@RestControllerAdvice(basePackageClasses = ApiErrors.class)
class ApiErrors {

    static final String BAD_REQUEST = "api.error.badRequest";

    private final CohorteI18NProvider i18n;

    ApiErrors(CohorteI18NProvider i18n) {
        this.i18n = i18n;
    }

    @ExceptionHandler(CohorteException.class)
    ResponseEntity<ApiError> refused(CohorteException e, HttpServletRequest request) {
        HttpStatus status = e instanceof IdempotentCalls.RequestMismatchException ? HttpStatus.UNPROCESSABLE_ENTITY
                : e instanceof TooManyRequestsException ? HttpStatus.TOO_MANY_REQUESTS
                : e instanceof NotFoundException ? HttpStatus.NOT_FOUND
                : e instanceof ForbiddenException ? HttpStatus.FORBIDDEN
                : e instanceof ConflictException ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST;
        return body(status, e.getMessageKey(), request, e.getArgs());
    }

    @ExceptionHandler(AuthorizationException.class)
    ResponseEntity<ApiError> engineRefused(AuthorizationException e, HttpServletRequest request) {
        return body(HttpStatus.FORBIDDEN, "error.forbidden", request);
    }

    /** Unreadable JSON, a malformed id, a wrong enum value, a missing parameter: the caller's mistake. */
    @ExceptionHandler({HttpMessageNotReadableException.class, MethodArgumentTypeMismatchException.class,
            MissingServletRequestParameterException.class, MissingRequestHeaderException.class,
            HttpMediaTypeNotSupportedException.class, IllegalArgumentException.class})
    ResponseEntity<ApiError> badRequest(Exception e, HttpServletRequest request) {
        return body(HttpStatus.BAD_REQUEST, BAD_REQUEST, request);
    }

    private ResponseEntity<ApiError> body(HttpStatus status, String key, HttpServletRequest request, Object... args) {
        Locale locale = CohorteI18NProvider.supported(request.getHeader("Accept-Language"));
        return ResponseEntity.status(status).body(new ApiError(key, i18n.getTranslation(key, locale, args)));
    }
}
