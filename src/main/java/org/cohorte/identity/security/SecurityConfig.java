package org.cohorte.identity.security;

import jakarta.servlet.DispatcherType;

import com.vaadin.flow.spring.security.RequestUtil;
import com.vaadin.flow.spring.security.UidlRedirectStrategy;
import com.vaadin.flow.spring.security.VaadinAwareSecurityContextHolderStrategyConfiguration;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import org.camunda.bpm.engine.IdentityService;
import org.cohorte.identity.service.ApiTokenService;
import org.cohorte.identity.service.CurrentUser;
import org.cohorte.identity.service.MemberService;
import org.cohorte.identity.service.Roles;
import org.cohorte.identity.service.SsoMemberService;
import org.cohorte.identity.service.SsoSettings;
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
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;
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
 *   <li>everything else: the Vaadin UI (and the calendar feed's own chain, ordered before this one), signed in
 *       on the login page by password or, when {@code cohorte.sso.issuer-uri} is set, by the organization's
 *       OpenID Connect provider ({@link SsoUserService}).</li>
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
    private final SsoSettings sso;
    private final SsoMemberService ssoMembers;

    public SecurityConfig(IdentityService identityService, CurrentUser currentUser, JsonRefusals refusals,
                          ApiTokenService tokens, MemberService members, SsoSettings sso, SsoMemberService ssoMembers) {
        this.identityService = identityService;
        this.currentUser = currentUser;
        this.refusals = refusals;
        this.tokens = tokens;
        this.members = members;
        this.sso = sso;
        this.ssoMembers = ssoMembers;
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
        if (sso.isEnabled()) {
            singleSignOn(http);
        }
        return http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class)
                .enableCsrfConfiguration(false)).build();
    }

    /**
     * The provider's sign-in beside the password form, on the same chain (same headers, session handling and
     * CSRF rules): Spring Security's authorization code flow with state, nonce and PKCE, the ID token checked
     * (signature, issuer, audience, expiry), the session id changed at sign-in, tokens kept in the session only
     * (never in a node's memory or the log). Signing out also ends the provider's session (RP-initiated logout);
     * a local member's sign-out is unchanged.
     */
    private void singleSignOn(HttpSecurity http) throws Exception {
        SsoClientRegistrations registrations = new SsoClientRegistrations(sso);
        DefaultOAuth2AuthorizationRequestResolver resolver = new DefaultOAuth2AuthorizationRequestResolver(
                registrations, OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI);
        // PKCE for confidential clients too (Spring adds it by itself only for public ones).
        resolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        http.oauth2Login(login -> login
                .loginPage("/login")
                .clientRegistrationRepository(registrations)
                .authorizedClientRepository(new HttpSessionOAuth2AuthorizedClientRepository())
                .authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(resolver))
                .userInfoEndpoint(userInfo -> userInfo.oidcUserService(new SsoUserService(sso, ssoMembers)))
                .failureHandler(new SsoFailureHandler()));
        OidcClientInitiatedLogoutSuccessHandler logout = new OidcClientInitiatedLogoutSuccessHandler(registrations);
        logout.setPostLogoutRedirectUri(sso.getPostLogoutRedirectUri());
        // Vaadin signs out from a server round trip: the browser is sent on by the client engine, not by a 302.
        logout.setRedirectStrategy(new UidlRedirectStrategy());
        logout.setDefaultTargetUrl("/");
        http.setSharedObject(LogoutSuccessHandler.class, logout);
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
