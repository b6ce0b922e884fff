package org.cohorte.performance.service;

import java.util.List;

/** What an import did: nothing at all when there are errors. */
public record ImportResult(List<ImportError> errors, int objectivesCreated, int indicatorsCreated,
                           int indicatorsUpdated, int measurementsImported) {

    public boolean accepted() {
        return errors.isEmpty();
    }
}
