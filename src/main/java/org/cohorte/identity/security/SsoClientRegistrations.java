package org.cohorte.identity.security;

import java.util.Iterator;
import java.util.List;

import org.cohorte.identity.service.SsoSettings;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/**
 * The one client registration, built from {@code cohorte.sso.*} and the provider's discovery document, read at
 * the first sign-in rather than at start-up: a provider that is down must not keep Cohorte (and its local
 * accounts) from starting. A failed read is retried at the next sign-in. Discovery also checks that the
 * document's issuer is the configured one. Authorization code with PKCE, as Spring Security's client does it.
 */
class SsoClientRegistrations implements ClientRegistrationRepository, Iterable<ClientRegistration> {

    private final SsoSettings settings;
    private volatile ClientRegistration registration;

    SsoClientRegistrations(SsoSettings settings) {
        this.settings = settings;
    }

    @Override
    public ClientRegistration findByRegistrationId(String registrationId) {
        return SsoSettings.REGISTRATION_ID.equals(registrationId) ? registration() : null;
    }

    ClientRegistration registration() {
        ClientRegistration known = registration;
        if (known == null) {
            synchronized (this) {
                known = registration;
                if (known == null) {
                    boolean secret = settings.getClientSecret() != null && !settings.getClientSecret().isBlank();
                    known = ClientRegistrations.fromIssuerLocation(settings.getIssuerUri())
                            .registrationId(SsoSettings.REGISTRATION_ID)
                            .clientName(settings.getName())
                            .clientId(settings.getClientId())
                            .clientSecret(secret ? settings.getClientSecret() : null)
                            .clientAuthenticationMethod(secret ? ClientAuthenticationMethod.CLIENT_SECRET_BASIC
                                    : ClientAuthenticationMethod.NONE)
                            .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                            .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                            .scope(settings.getScopes())
                            .userNameAttributeName("sub")
                            .build();
                    registration = known;
                }
            }
        }
        return known;
    }

    @Override
    public Iterator<ClientRegistration> iterator() {
        return List.of(registration()).iterator();
    }
}
