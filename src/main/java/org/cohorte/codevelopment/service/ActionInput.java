package org.cohorte.codevelopment.service;

import java.time.LocalDate;

/** One action of the client's plan as typed in the synthesis form. */
public record ActionInput(String body, LocalDate dueDate) {
}
