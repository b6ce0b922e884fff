package org.cohorte.api;

/** Every refusal of the API: the bundle key (stable, for programs) and its text in the caller's language. */
public record ApiError(String error, String message) {
}
