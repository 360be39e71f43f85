package io.techex.notification.people;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import io.techex.notification.Exchange;
import io.techex.notification.NotificationTest;
import io.techex.platform.events.Topics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaTemplate;

import java.net.http.HttpResponse;

import static io.techex.notification.Exchange.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Each person's preferences: what the token says until they choose, and bad choices refused naming the field. */
@NotificationTest
class PreferencesTest {

    @Autowired
    KafkaTemplate<String, CloudEvent> kafka;
    @Autowired
    Topics topics;
    @LocalServerPort
    int port;

    Exchange exchange;

    @BeforeEach
    void exchange() {
        exchange = new Exchange(kafka, topics, port);
    }

    @Test
    void aPersonStartsWithTheLanguageAndAddressOfTheirTokenAndEveryKindOn() {
        JsonNode kenji = json(exchange.get("/notifications/preferences", "kenji.sato"));
        assertThat(kenji.path("language").asText()).isEqualTo("en");
        assertThat(kenji.path("emailEnabled").asBoolean()).isTrue();
        assertThat(kenji.path("emailAddress").asText()).isEqualTo("kenji.sato@kyoto-materials.example");
        assertThat(kenji.path("mutedKinds")).isEmpty();
        assertThat(kenji.path("kinds")).extracting(JsonNode::asText).contains("OUTBID", "NEW_MATCH", "REGULATORY_DECISION_DUE_SOON");
    }

    @Test
    void choicesReplaceTheTokensAndBadOnesAreRefusedNamingTheFieldAndChangingNothing() {
        HttpResponse<String> chosen = exchange.put("/notifications/preferences", """
                {"language": "en", "emailEnabled": false, "mutedKinds": ["OUTBID", "NEW_MATCH", "OUTBID"]}""", "an.do");
        assertThat(chosen.statusCode()).as(chosen.body()).isEqualTo(200);
        String before = exchange.get("/notifications/preferences", "an.do").body();
        assertThat(json(chosen)).isEqualTo(json(exchange.get("/notifications/preferences", "an.do")));
        assertThat(json(chosen).path("mutedKinds")).extracting(JsonNode::asText).containsExactly("OUTBID", "NEW_MATCH");

        assertRefused("{\"language\": \"fr\", \"emailEnabled\": true, \"mutedKinds\": []}", "language");
        assertRefused("{\"language\": \"vi\", \"emailEnabled\": true, \"mutedKinds\": [\"NOT_A_KIND\"]}", "mutedKinds[0]");
        assertRefused("{\"language\": \"vi\", \"emailEnabled\": true, \"mutedKinds\": [null]}", "mutedKinds[0]");
        assertRefused("{\"language\": \"vi\", \"mutedKinds\": []}", "emailEnabled");
        assertRefused("{\"language\": \"vi\", \"emailEnabled\": \"maybe\", \"mutedKinds\": []}", "emailEnabled");
        assertThat(exchange.get("/notifications/preferences", "an.do").body()).isEqualTo(before);

        exchange.put("/notifications/preferences", "{\"language\": \"vi\", \"emailEnabled\": true, \"mutedKinds\": []}", "an.do");
    }

    private void assertRefused(String body, String field) {
        HttpResponse<String> refused = exchange.put("/notifications/preferences", body, "an.do");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json(refused).path("errors")).extracting(error -> error.path("field").asText()).contains(field);
    }
}
