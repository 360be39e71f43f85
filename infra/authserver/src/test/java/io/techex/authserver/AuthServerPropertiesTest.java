package io.techex.authserver;

import io.techex.authserver.AuthServerProperties.Organisation;
import io.techex.authserver.AuthServerProperties.Person;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class AuthServerPropertiesTest {

    @Test
    void anIssuerOnPortZeroOrBlankIsResolvedPerRequest() {
        assertThat(withIssuer("http://localhost:9000").fixedIssuer()).contains("http://localhost:9000");
        assertThat(withIssuer("http://localhost:0").fixedIssuer()).isEmpty();
        assertThat(withIssuer(" ").fixedIssuer()).isEmpty();
        assertThat(withIssuer(null).fixedIssuer()).isEmpty();
    }

    @Test
    void aPersonIdIsOneClientAndOneSubjectSoItMayNotAppearTwice() {
        Organisation hust = new Organisation("hust", "HUST", "VN", Role.UNIVERSITY, List.of(new Person("lan", "Lan")));
        Organisation dost = new Organisation("dost", "DOST", "VN", Role.REGULATOR,
                List.of(new Person("lan", "Lan T.")));

        assertThatIllegalArgumentException().isThrownBy(() -> new DemoDirectory(List.of(hust, dost)))
                .withMessageContaining("person id lan appears in both hust and dost");
    }

    @Test
    void aCountryMustBeAnIsoAlpha2Code() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Organisation("kyoto", "Kyoto", "Japan", Role.FIRM, List.of()))
                .withMessageContaining("ISO 3166-1 alpha-2");
    }

    @Test
    void aPersonsEmailAndLanguageAreOptionalButWellFormedWhenGiven() {
        assertThat(new Person("lan", "Lan").email()).isNull();
        assertThat(new Person("lan", "Lan", "lan@hust.example", "vi").locale()).isEqualTo("vi");
        assertThatIllegalArgumentException().isThrownBy(() -> new Person("lan", "Lan", "lan at hust", "vi"))
                .withMessageContaining("e-mail");
        assertThatIllegalArgumentException().isThrownBy(() -> new Person("lan", "Lan", "lan@hust.example", "Vietnamese"))
                .withMessageContaining("language tag");
    }

    private static AuthServerProperties withIssuer(String issuer) {
        return new AuthServerProperties(issuer, Duration.ofHours(1), "demo", null, List.of(),
                new AuthServerProperties.Console("techex-console", List.of(), List.of(), Duration.ofHours(8),
                        new AuthServerProperties.Visitor("visitor", "Visitor", "techex-public", "Visitors", Role.FIRM, "VN")));
    }
}
