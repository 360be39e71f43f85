package io.techex.console.notifications;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NotificationsControllerTest {

    @Test
    void aNotificationOpensOnTheConsolesOwnPageAndARegulatorReadsAContractWhereItDecides() {
        assertThat(NotificationsController.destination("/negotiations/7b0c", false)).isEqualTo("/negotiations/7b0c");
        assertThat(NotificationsController.destination("/contracts/5d0c", false)).isEqualTo("/contracts/5d0c");
        assertThat(NotificationsController.destination("/contracts/5d0c", true)).isEqualTo("/regulator/contracts/5d0c");
        assertThat(NotificationsController.destination("/technologies/0b8f", true)).isEqualTo("/technologies/0b8f");
    }

    @Test
    void aLinkThatIsNoPageOfTheConsoleLeadsBackToTheFeed() {
        for (String elsewhere : new String[]{null, "", "https://evil.example/", "//evil.example/x", "/\\evil.example",
                "javascript:alert(1)", "contracts/5d0c", "/contracts/5d0c\r\nSet-Cookie: x=y"}) {
            assertThat(NotificationsController.destination(elsewhere, false)).as(elsewhere).isEqualTo("/my/notifications");
        }
    }
}
