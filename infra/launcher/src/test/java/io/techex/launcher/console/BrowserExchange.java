package io.techex.launcher.console;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.techex.console.WebConsoleApplication;
import io.techex.launcher.FourServices;
import io.techex.launcher.MovableClock;
import io.techex.launcher.TechExLocal;
import io.techex.testkit.TestTokens;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One exchange for every browser test of the JVM: the four services ({@link FourServices}) on the test kit's
 * PostgreSQL, Kafka and Redis, the authorization server with its login page ({@link TestTokens}), the web console on
 * a loopback address and a port of its own, all on one clock a test may move ({@link MovableClock}), and one headless
 * Debian Chromium driven by Playwright. Each person gets a browser context of their own (cookies, session, storage),
 * as if on their own computer. Started by the first test class that asks and stopped when the JVM's tests are done.
 */
public final class BrowserExchange implements ExtensionContext.Store.CloseableResource {

    /** Debian's Chromium; Playwright downloads nothing ({@code PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1}). */
    static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    /** The resource {@link OnBrowserExchange} test classes lock, so that they run one at a time. */
    static final String ONE_TEST_CLASS_AT_A_TIME = "io.techex.launcher.console.BrowserExchange";
    /** Quiet and offline: the machine has no network beyond loopback. */
    static final List<String> CHROMIUM_ARGS = List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run");

    private final FourServices services;
    private final MovableClock clock = new MovableClock();
    private final ConfigurableApplicationContext console;
    private final Playwright playwright;
    private final Browser browser;
    private final String consoleUrl;
    private final List<Page> pages = new java.util.concurrent.CopyOnWriteArrayList<>();

    private BrowserExchange() {
        long started = System.nanoTime();
        // the audit log places an entry 2 s after it arrives rather than 30: the regulator verifies what just happened
        services = FourServices.start("browser", Map.of("techex.audit.log.settle", "2s"), clock);
        Map<String, ConfigurableApplicationContext> running = new LinkedHashMap<>();
        for (FourServices.Service service : FourServices.Service.values()) {
            running.put(service.configName(), services.context(service));
        }
        Map<String, Object> settings = TechExLocal.consoleSettings(TestTokens.get().issuer(), running);
        settings.put("server.port", 0);
        // 127.0.0.1, not localhost: the authorization server sends codes back to a loopback IP on any port (RFC 8252)
        settings.put("server.address", "127.0.0.1");
        settings.put("spring.main.banner-mode", "off");
        // the console suggests times (an offer binding for a week, an auction starting now) from the exchange's clock
        console = FourServices.withClock(new SpringApplicationBuilder(WebConsoleApplication.class)
                        .properties("spring.config.name=" + WebConsoleApplication.CONFIG_NAME), clock)
                .run(TechExLocal.arguments(WebConsoleApplication.CONFIG_NAME, settings));
        consoleUrl = "http://127.0.0.1:" + console.getEnvironment().getProperty("local.server.port");
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM).setHeadless(true).setArgs(CHROMIUM_ARGS));
        System.out.printf("Browser exchange up in %.1f s: console %s, Chromium %s%n",
                (System.nanoTime() - started) / 1e9, consoleUrl, browser.version());
    }

    /** The JVM's exchange, started on first use. */
    static BrowserExchange get(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(BrowserExchange.class, key -> new BrowserExchange(), BrowserExchange.class);
    }

    /**
     * A person in a browser of their own, signed in and on {@code path}; a public page signs in from its link and comes
     * back to {@code path}.
     */
    Page signedIn(String person, String path) {
        Page page = newPerson();
        page.navigate(url(path));
        boolean publicPage = page.url().startsWith(consoleUrl());
        if (publicPage) {
            new ConsolePages.Frame(page).signIn();
        }
        new ConsolePages.SignIn(page).as(person);
        page.waitForURL(url -> url.startsWith(consoleUrl()));
        if (publicPage) {
            page.navigate(url(path));
        }
        return page;
    }

    /** A fresh browser (its own cookies) for one person, 1280 px wide, reading Vietnamese unless they switch. */
    Page newPerson() {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                .setViewportSize(1280, 900).setLocale("vi-VN").setTimezoneId("Asia/Ho_Chi_Minh")
                .setAcceptDownloads(true)
                // the console's Content-Security-Policy forbids inline scripts, rightly; the test injects axe-core
                .setBypassCSP(true));
        context.setDefaultTimeout(15_000);
        Page page = context.newPage();
        pages.add(page);
        return page;
    }

    /** What each person's browser showed when a test failed, to see why. */
    private void saveFailure(String test) {
        for (int i = 0; i < pages.size(); i++) {
            Page page = pages.get(i);
            if (!page.isClosed()) {
                Screenshots.take(page, "failed-" + test + "-" + i);
                System.out.println("Failed " + test + ": browser " + i + " was at " + page.url());
            }
        }
    }

    /** The services' and the console's clock: moving it reaches an auction's end or an offer's deadline at once. */
    MovableClock clock() {
        return clock;
    }

    /** The services, for tests that set the scene through their APIs as the people would with curl. */
    FourServices services() {
        return services;
    }

    /**
     * bidding-service drops every live board's watcher, as an instance going away would: each console relay ends its
     * browser's stream, and each browser reconnects (its first event the board as it is then).
     */
    void dropLiveBoards() {
        SmartLifecycle watchers = services.context(FourServices.Service.BIDDING).getBean("boardWatchers", SmartLifecycle.class);
        watchers.stop();
        watchers.start();
    }

    String url(String path) {
        return consoleUrl + path;
    }

    String consoleUrl() {
        return consoleUrl;
    }

    @Override
    public void close() {
        try {
            browser.close();
            playwright.close();
        } finally {
            console.close();
            services.close();
        }
    }

    /**
     * Gives a test class the shared exchange, through {@link OnBrowserExchange}, then a {@code BrowserExchange}
     * parameter.
     */
    public static final class Extension implements BeforeAllCallback, ParameterResolver, AfterTestExecutionCallback {

        @Override
        public void afterTestExecution(ExtensionContext context) {
            BrowserExchange exchange = get(context);
            if (context.getExecutionException().isPresent()) {
                exchange.saveFailure(context.getRequiredTestMethod().getName());
            }
            exchange.pages.forEach(page -> page.context().close());
            exchange.pages.clear();
        }

        @Override
        public void beforeAll(ExtensionContext context) {
            get(context);
        }

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == BrowserExchange.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return get(context);
        }
    }
}
