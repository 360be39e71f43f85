package io.techex.audit.log;

import io.techex.contracts.EventJson;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CanonicalJsonTest {

    @Test
    void membersAreSortedWhitespaceDroppedStringsEscapedMinimallyAndNumbersExact() throws Exception {
        var json = EventJson.mapper().readTree("""
                { "b" : [ 1.50, 2E+3, -0.0, 12345678901234567890.123456789 ],
                  "a" : { "z": true, "é": "Đại học \\"Bách khoa\\"\\n\\u0001", "y": null } }""");
        assertThat(CanonicalJson.write(json)).isEqualTo(
                "{\"a\":{\"y\":null,\"z\":true,\"é\":\"Đại học \\\"Bách khoa\\\"\\n\\u0001\"},"
                        + "\"b\":[1.5,2000,0,12345678901234567890.123456789]}");
    }

    @Test
    void theSameContentWrittenDifferentlyHasOneForm() throws Exception {
        var one = EventJson.mapper().readTree("{\"price\": 100.0, \"title\": {\"vi\": \"Vắc xin\", \"en\": \"Vaccine\"}}");
        var other = EventJson.mapper().readTree("{\"title\":{\"en\":\"Vaccine\",\"vi\":\"Vắc xin\"},\"price\":1E2}");
        assertThat(CanonicalJson.write(one)).isEqualTo(CanonicalJson.write(other));
    }
}
