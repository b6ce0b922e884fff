package org.cohorte.identity.security;

import jakarta.servlet.DispatcherType;

import com.vaadin.flow.spring.security.RequestUtil;
import com.vaadin.flow.spring.security.VaadinAwareSecurityContextHolderStrategyConfiguration;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import org.camunda.bpm.engine.IdentityService;
import org.cohorte.identity.service.CurrentUser;
import org.cohorte.identity.ui.LoginView;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Four filter chains, most specific first: the engine REST API (HTTP Basic, stateless), Camunda's operator
 * web apps (they sign in against the same IdentityService themselves), the health probe, and the Vaadin UI.
 */
@Configuration
@EnableWebSecurity
@Import(VaadinAwareSecurityContextHolderStrategyConfiguration.class)
public class SecurityConfig {

    private final IdentityService identityService;
    private final CurrentUser currentUser;

    public SecurityConfig(IdentityService identityService, CurrentUser currentUser) {
        this.identityService = identityService;
        this.currentUser = currentUser;
    }

    @Bean
    @Order(1)
    SecurityFilterChain engineRestSecurity(HttpSecurity http) throws Exception {
        http.securityMatcher(path("/engine-rest/**"))
                .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
                .httpBasic(basic -> basic.realmName("Cohorte"))
                // Credentials travel with each request and no session cookie is used: nothing to forge.
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterAfter(engineAuthenticationFilter(), AuthorizationFilter.class);
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain camundaWebappSecurity(HttpSecurity http) throws Exception {
        // Cockpit, Admin and Tasklist authenticate against Camunda's IdentityService and carry their own
        // CSRF protection; Spring only adds its security headers here.
        http.securityMatcher(path("/camunda/**"))
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .headers(headers -> headers.frameOptions(HeadersConfigurer.FrameOptionsConfig::sameOrigin));
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain actuatorSecurity(HttpSecurity http) throws Exception {
        http.securityMatcher(path("/actuator/**"))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(path("/actuator/health"), path("/actuator/health/**")).permitAll()
                        .anyRequest().denyAll())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }

    @Bean
    @Order(10)
    SecurityFilterChain vaadinSecurity(HttpSecurity http, RequestUtil requestUtil) throws Exception {
        // Error dispatches (a 401 from the REST chain, a 404) must render, not bounce to the login page.
        http.authorizeHttpRequests(auth -> auth
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers(path("/images/**"), path("/icons/**")).permitAll())
                .addFilterAfter(engineAuthenticationFilter(), AuthorizationFilter.class);
        // Vaadin exempts the login page's POST from CSRF protection; Cohorte keeps it (no forced sign-in into
        // an attacker's account): only Vaadin's internal requests, which carry their own security key, skip it.
        http.csrf(csrf -> csrf.ignoringRequestMatchers(requestUtil::isFrameworkInternalRequest));
        return http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class)
                .enableCsrfConfiguration(false)).build();
    }

    /** Path patterns independent of which servlet (Jersey, Camunda's apps, Vaadin) serves the path. */
    private static RequestMatcher path(String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(pattern);
    }

    private EngineAuthenticationFilter engineAuthenticationFilter() {
        return new EngineAuthenticationFilter(identityService, currentUser);
    }
}
