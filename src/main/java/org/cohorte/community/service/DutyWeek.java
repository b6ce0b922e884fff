package org.cohorte.community.service;

import java.time.LocalDate;

/** One week of the duty roster: who answers the community's questions that week (null: nobody yet). */
public record DutyWeek(LocalDate weekStart, String expertId, String expertName) {
}
