package org.cohorte.base.privacy;

/**
 * One feature's part of a person's data export (Québec Law 25, GDPR access right): what the feature holds about
 * the person, never other people's confidential text. Each feature implements it in its service package; the
 * export collects every implementation, so a feature is in the export by existing.
 */
public interface PersonalDataSource {

    /** The section's name in the export ("community", "codevelopment"...). */
    String section();

    /** The person's data: maps, lists, strings and numbers only (see {@link PersonalDataRows}). */
    Object collect(String userId);
}
