package io.techex.authserver;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Settings under {@code techex.auth}, including the seeded demo organisations and people.
 *
 * @param issuer        the {@code iss} of every token; blank, or a URL on port 0, means "the URL the request came
 *                      in on", because a random port is only known once the server is bound
 * @param tokenTtl      access-token lifetime
 * @param clientSecret  every demo person's client secret, in plain text (it is stored hashed)
 * @param keyLocation   an RSA private key in PEM (PKCS#8 or PKCS#1) to sign with; when absent, a key pair is
 *                      generated at start-up and tokens do not survive a restart
 * @param organisations the demo organisations, each with its people
 * @param console       the web console's client: its people sign in on this server's login page
 */
@ConfigurationProperties("techex.auth")
public record AuthServerProperties(
        @Nullable String issuer,
        @DefaultValue("1h") Duration tokenTtl,
        @DefaultValue("demo") String clientSecret,
        @Nullable Resource keyLocation,
        @DefaultValue List<Organisation> organisations,
        @DefaultValue Console console) {

    private static final Set<String> ISO_COUNTRIES = Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA2);

    public AuthServerProperties {
        if (tokenTtl.isNegative() || tokenTtl.isZero()) {
            throw new IllegalArgumentException("techex.auth.token-ttl must be positive, was " + tokenTtl);
        }
        requireText(clientSecret, "techex.auth.client-secret");
        organisations = List.copyOf(organisations);
    }

    /** The configured issuer when it is a usable fixed URL; empty when it must be resolved per request. */
    public Optional<String> fixedIssuer() {
        if (issuer == null || issuer.isBlank()) {
            return Optional.empty();
        }
        URI uri = URI.create(issuer.strip());
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("techex.auth.issuer must be an absolute http(s) URL, was " + issuer);
        }
        return uri.getPort() == 0 ? Optional.empty() : Optional.of(uri.toString());
    }

    /**
     * The web console ({@code web-console}), a server-side application that signs people in with the
     * authorization-code flow and PKCE. It is a confidential client (secret {@link #clientSecret()}): it runs on a
     * server and can keep a secret, and only confidential clients get refresh tokens here. Its client-credentials
     * token, the {@code visitor}, reads the public catalogue for people who have not signed in.
     *
     * @param clientId               its OAuth2 client id
     * @param redirectUris           where codes go back to; a loopback IP one ({@code http://127.0.0.1/...}) matches
     *                               any port (RFC 8252), which tests on a random port need
     * @param postLogoutRedirectUris where the browser goes after signing out, with the same loopback rule
     * @param sessionTtl             how long a sign-in lasts without a new password (the refresh token's lifetime)
     * @param visitor                who the console is when it reads for someone not signed in
     */
    public record Console(@DefaultValue("techex-console") String clientId, @DefaultValue List<String> redirectUris,
                          @DefaultValue List<String> postLogoutRedirectUris, @DefaultValue("8h") Duration sessionTtl,
                          @DefaultValue Visitor visitor) {

        public Console {
            requireText(clientId, "techex.auth.console.client-id");
            redirectUris = List.copyOf(redirectUris);
            postLogoutRedirectUris = List.copyOf(postLogoutRedirectUris);
        }
    }

    /**
     * The identity of the console's own client-credentials token. The services know four roles, and none reads
     * without also being allowed to write; {@code FIRM} sees exactly what is on the market, which is what a visitor
     * sees. The console only ever reads with this token.
     */
    public record Visitor(@DefaultValue("visitor") String person, @DefaultValue("Khách / Visitor") String name,
                          @DefaultValue("techex-public") String organisation,
                          @DefaultValue("Khách của TechEx / TechEx visitors") String organisationName,
                          @DefaultValue("FIRM") Role role, @DefaultValue("VN") String country) {

        DemoDirectory.Member asMember() {
            return new DemoDirectory.Member(new Person(person, name),
                    new Organisation(organisation, organisationName, country, role, List.of()));
        }
    }

    /**
     * An organisation on the exchange.
     *
     * @param country ISO 3166-1 alpha-2 code, upper case ({@code VN}, {@code JP})
     */
    public record Organisation(String id, String name, String country, Role role, @DefaultValue List<Person> people) {

        public Organisation {
            requireText(id, "organisation id");
            requireText(name, "name of organisation " + id);
            if (role == null) {
                throw new IllegalArgumentException("organisation " + id + " has no role");
            }
            if (country == null || !ISO_COUNTRIES.contains(country)) {
                throw new IllegalArgumentException("organisation " + id + " needs an upper-case ISO 3166-1 alpha-2"
                        + " country code, was " + country);
            }
            people = List.copyOf(people);
        }
    }

    /**
     * A person acting for an organisation; {@code id} is both the OAuth2 client id and the token's subject.
     *
     * @param email  where the exchange's notifications are mailed (the token's {@code email}); optional
     * @param locale the language they read, {@code vi} or {@code en} (the token's {@code locale}); optional
     */
    public record Person(String id, String name, @Nullable String email, @Nullable String locale) {

        @ConstructorBinding
        public Person {
            requireText(id, "person id");
            requireText(name, "name of person " + id);
            if (email != null && !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                throw new IllegalArgumentException("person " + id + " has no valid e-mail address: " + email);
            }
            if (locale != null && !locale.matches("[a-z]{2}(-[A-Z]{2})?")) {
                throw new IllegalArgumentException("person " + id + " needs a language tag such as vi or en, was " + locale);
            }
        }

        /** Someone without an address or a language of their own. */
        public Person(String id, String name) {
            this(id, name, null, null);
        }
    }

    private static void requireText(@Nullable String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
    }
}
