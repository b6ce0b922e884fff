package org.cohorte.archfixture;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.cohorte.identity.domain.Organization;
import org.cohorte.identity.service.OrganizationRef;

/** Deliberate breaches for ArchitectureTest to show its rules can fail; a test-only package nothing uses. */
public final class ArchitectureFixtures {

    private ArchitectureFixtures() {
    }

    public static class ReadsAnotherFeaturesEntity {
        String name(Organization organization) {
            return organization.getName();
        }
    }

    public static class ReadsAnotherFeaturesRecord {
        String name(OrganizationRef organization) {
            return organization.name();
        }
    }

    public static class MovesTheEngineClock {
        void reset() {
            ClockUtil.reset();
        }
    }
}
