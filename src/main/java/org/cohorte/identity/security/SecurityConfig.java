package org.cohorte.identity.security;

import jakarta.servlet.DispatcherType;

import com.vaadin.flow.spring.security.RequestUtil;
import com.vaadin.flow.spring.security.VaadinAwareSecurityContextHolderStrategyConfiguration;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import org.camunda.bpm.engine.IdentityService;
import org.cohorte.identity.service.ApiTokenService;
import org.cohorte.identity.service.CurrentUser;
import org.cohorte.identity.service.MemberService;
import org.cohorte.identity.service.Roles;
import org.cohorte.identity.ui.LoginView;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Every door of the server, most specific first. People sign in once, on Cohorte's login page; the HTTP APIs
 * take personal access tokens only (nothing a browser sends by itself, so no other site can use them):
 * <ol>
 *   <li>{@code /engine-rest}: the engine's REST API, administrators only, and only to operate the engine
 *       ({@link EngineApiGate}).</li>
 *   <li>{@code /camunda}: Cockpit and Admin, administrators only, signed in by Cohorte's session
 *       ({@link CockpitSignIn}); Tasklist (a second way to complete tasks), Camunda's own login and its
 *       first-administrator setup are closed to everyone.</li>
 *   <li>{@code /actuator}: the health probe, and the Prometheus metrics for administrators (a token).</li>
 *   <li>{@code /api}: the work API and the forum workbook, for every member, JSON only.</li>
 *   <li>everything else: the Vaadin UI (and the calendar feed's own chain, ordered before this one).</li>
 * </ol>
 */
@Configuration
@EnableWebSecurity
@Import(VaadinAwareSecurityContextHolderStrategyConfiguration.class)
public class SecurityConfig {

    private final IdentityService identityService;
    private final CurrentUser currentUser;
    private final JsonRefusals refusals;
    private final ApiTokenService tokens;
    private final MemberService members;

    public SecurityConfig(IdentityService identityService, CurrentUser currentUser, JsonRefusals refusals,
                          ApiTokenService tokens, MemberService members) {
        this.identityService = identityService;
        this.currentUser = currentUser;
        this.refusals = refusals;
        this.tokens = tokens;
        this.members = members;
    }

    @Bean
    @Order(1)
    SecurityFilterChain engineRestSecurity(HttpSecurity http) throws Exception {
        tokenDoor(http.securityMatcher(path("/engine-rest/**")))
                .authorizeHttpRequests(auth -> auth.anyRequest().hasRole(Roles.ADMIN))
                .addFilterAfter(new EngineApiGate(refusals, currentUser), AuthorizationFilter.class)
                .addFilterAfter(engineAuthenticationFilter(), EngineApiGate.class);
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain camundaWebappSecurity(HttpSecurity http) throws Exception {
        RequestMatcher api = path("/camunda/api/**");
        http.securityMatcher(path("/camunda/**"))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(path("/camunda/api/admin/setup/**"), path("/camunda/app/admin/*/setup/**"),
                                path("/camunda/api/admin/auth/user/*/login/**"),
                                path("/camunda/app/tasklist/**"), path("/camunda/api/tasklist/**")).denyAll()
                        .anyRequest().hasRole(Roles.ADMIN))
                .exceptionHandling(handling -> handling
                        .defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED), api)
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"), path("/camunda/**")))
                .addFilterAfter(new EngineApiGate(refusals, currentUser), AuthorizationFilter.class)
                // The web apps send their own CSRF token (Camunda's CsrfPreventionFilter checks it on every change).
                .csrf(csrf -> csrf.disable())
                .headers(headers -> headers.frameOptions(HeadersConfigurer.FrameOptionsConfig::sameOrigin));
        return http.build();
    }

    @Bean
    FilterRegistrationBean<CockpitSignIn> cockpitSignIn() {
        return CockpitSignIn.registration(currentUser);
    }

    @Bean
    @Order(3)
    SecurityFilterChain actuatorSecurity(HttpSecurity http) throws Exception {
        // Metrics say how much work is open where: an administrator's personal access token (Prometheus sends
        // it as a bearer token), like the engine's API; everything else but the health probe is closed.
        tokenDoor(http.securityMatcher(path("/actuator/**")))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(path("/actuator/health"), path("/actuator/health/**")).permitAll()
                        .requestMatchers(path("/actuator/prometheus")).hasRole(Roles.ADMIN)
                        .anyRequest().denyAll());
        return http.build();
    }

    @Bean
    @Order(5)
    SecurityFilterChain apiSecurity(HttpSecurity http) throws Exception {
        tokenDoor(http.securityMatcher(path("/api/**")))
                .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
                .addFilterAfter(new JsonOnlyFilter(refusals), AuthorizationFilter.class)
                .addFilterAfter(engineAuthenticationFilter(), JsonOnlyFilter.class);
        return http.build();
    }

    @Bean
    @Order(10)
    SecurityFilterChain vaadinSecurity(HttpSecurity http, RequestUtil requestUtil) throws Exception {
        // Error dispatches (a 401 from an API chain, a 404) must render, not bounce to the login page.
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

    /**
     * An HTTP API's door: a personal access token on every request, no session, no HTTP Basic, no form login,
     * refusals as JSON. CSRF protection has nothing to protect: no credential here is sent by a browser itself.
     */
    private HttpSecurity tokenDoor(HttpSecurity http) throws Exception {
        return http
                .addFilterBefore(new ApiTokenAuthenticationFilter(tokens, members, refusals.unauthorized()),
                        AnonymousAuthenticationFilter.class)
                .exceptionHandling(handling -> handling.authenticationEntryPoint(refusals.unauthorized())
                        .accessDeniedHandler(refusals.forbidden()))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
    }

    /** Path patterns independent of which servlet (Jersey, Camunda's apps, Vaadin) serves the path. */
    private static RequestMatcher path(String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(pattern);
    }

    private EngineAuthenticationFilter engineAuthenticationFilter() {
        return new EngineAuthenticationFilter(identityService, currentUser);
    }
}
