package org.cohorte.api;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

/**
 * The work API (tasks, community questions, codevelopment sessions): HTTP Basic against Camunda's identity
 * store, stateless (no session cookie, so nothing to forge and CSRF does not apply). Who may do what is
 * decided by the same service methods as in the UI.
 */
@Configuration
class ApiSecurity {

    @Bean
    @Order(6)
    SecurityFilterChain workApiFilterChain(HttpSecurity http) throws Exception {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        http.securityMatcher(new OrRequestMatcher(paths.matcher("/api/tasks"), paths.matcher("/api/tasks/**"),
                        paths.matcher("/api/community/**"), paths.matcher("/api/codevelopment/**")))
                .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
                .httpBasic(basic -> basic.realmName("Cohorte"))
                .csrf(csrf -> csrf.disable())
                // Referrer-Policy and Permissions-Policy come from SecurityHeadersFilter, on every response.
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }
}
