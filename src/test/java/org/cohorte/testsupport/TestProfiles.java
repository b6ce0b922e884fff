package org.cohorte.testsupport;

import org.springframework.test.context.ActiveProfilesResolver;

/**
 * "test" (in-memory H2) unless the build says otherwise: {@code -Ppostgres} passes "postgres,test"-style
 * profiles through spring.profiles.active. Running a test from an IDE therefore never touches ./data.
 */
public class TestProfiles implements ActiveProfilesResolver {
    @Override
    public String[] resolve(Class<?> testClass) {
        String configured = System.getProperty("spring.profiles.active", "test");
        return configured.split(",");
    }
}
