package io.techex.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ReportTest {

    private static final String RESULTS = """
            # TechEx benchmark

            - cores: 2

            | scenario | median |
            |---|---|
            | bids | 17 |

            ## Where a bid's CPU goes

            | stage | ms |
            """;

    @Test
    void theLatestResultsSectionIsReplacedUpToTheNextSectionWithTheResultsHeadingsOneLevelDown(@TempDir Path dir) throws Exception {
        Path readme = dir.resolve("README.md");
        Files.writeString(readme, """
                # infra/bench

                Intro.

                ## Latest results

                - cores: 8

                | old | table |

                ## After

                Kept.
                """);

        Report.readme(readme, RESULTS);

        assertThat(Files.readString(readme)).isEqualTo("""
                # infra/bench

                Intro.

                ## Latest results

                - cores: 2

                | scenario | median |
                |---|---|
                | bids | 17 |

                ### Where a bid's CPU goes

                | stage | ms |

                ## After

                Kept.
                """);
    }

    @Test
    void aReadmeWithoutTheSectionGetsItAtItsEnd(@TempDir Path dir) throws Exception {
        Path readme = dir.resolve("README.md");
        Files.writeString(readme, "# infra/bench\n\nIntro.\n");

        Report.readme(readme, RESULTS);

        assertThat(Files.readString(readme)).startsWith("# infra/bench\n\nIntro.\n\n## Latest results\n\n- cores: 2\n")
                .endsWith("### Where a bid's CPU goes\n\n| stage | ms |\n");
    }
}
