package io.techex.launcher.console;

import com.microsoft.playwright.Page;

import java.nio.file.Path;

/**
 * Each page of the scenario as its user saw it, under {@code web-console/target/screenshots/} (the module whose pages
 * they are; the surefire configuration names the folder), full length.
 */
final class Screenshots {

    static final Path FOLDER = Path.of(System.getProperty("techex.screenshots", "target/screenshots"));

    private Screenshots() {
    }

    static void take(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(FOLDER.resolve(name + ".png")).setFullPage(true));
    }
}
