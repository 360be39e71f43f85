package io.techex.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Server-rendered pages under load: the web console's catalogue search ({@code /?q=...}) and a listing's page
 * ({@code /technologies/{id}}), as a visitor's browser asks for them (no session: the console reads with its own
 * token), beside the same reads made straight to listing-service ({@code GET /listings?q=...},
 * {@code GET /listings/{id}}) with a firm's token. The difference is what the console adds: its call (two for a
 * listing page, which also lists the documents), the token relay and the rendering.
 */
final class PagesScenario {

    static final int LISTINGS = 20;
    /**
     * Unaccented, as people type it, and matching only this scenario's listings: every other listing the bench drafts
     * (the auctions', the relay's, and their copies) is about textile wastewater, and thousands of them matched
     * "nuoc thai" by the time this scenario ran.
     */
    static final String QUERY = "than sinh hoc";
    private static final String SUMMARY_VI = "Xử lý nước thải sinh hoạt bằng than sinh học hoạt tính.";
    private static final String SUMMARY_EN = "Treats domestic wastewater with activated biochar.";

    private final Options options;
    private final ExchangeProcess exchange;
    private final Http http;
    private final Listings listings;

    PagesScenario(Options options, ExchangeProcess exchange, Http http, Listings listings) {
        this.options = options;
        this.exchange = exchange;
        this.http = http;
        this.listings = listings;
    }

    List<Row> run() throws Exception {
        String console = exchange.startConsole();
        String service = exchange.baseUrl(ExchangeProcess.LISTING);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < LISTINGS; i++) {
            ids.add(listings.publishForAuction(Listings.draftBody(SUMMARY_VI, SUMMARY_EN)));
        }
        String q = URLEncoder.encode(QUERY, StandardCharsets.UTF_8);
        awaitSearchable(service + "/listings?limit=50&q=" + q);
        String id = ids.getFirst();

        IntFunction<Http.Response> consoleSearch = client -> http.send("GET", console + "/?q=" + q, null, null);
        IntFunction<Http.Response> serviceSearch = client -> http.send("GET", service + "/listings?limit=10&q=" + q, null, Listings.FIRM);
        IntFunction<Http.Response> consolePage = client -> http.send("GET", console + "/technologies/" + id, null, null);
        IntFunction<Http.Response> servicePage = client -> http.send("GET", service + "/listings/" + id, null, Listings.FIRM);

        for (IntFunction<Http.Response> warm : List.of(consoleSearch, serviceSearch, consolePage, servicePage)) {
            ClosedLoop.run(options.clients(), options.warmupSeconds(), 200, warm);
        }
        List<ClosedLoop.Result> cs = new ArrayList<>();
        List<ClosedLoop.Result> ss = new ArrayList<>();
        List<ClosedLoop.Result> cp = new ArrayList<>();
        List<ClosedLoop.Result> sp = new ArrayList<>();
        for (int rep = 0; rep < options.repetitions(); rep++) {
            cs.add(ClosedLoop.run(options.clients(), options.durationSeconds(), 200, consoleSearch));
            ss.add(ClosedLoop.run(options.clients(), options.durationSeconds(), 200, serviceSearch));
            cp.add(ClosedLoop.run(options.clients(), options.durationSeconds(), 200, consolePage));
            sp.add(ClosedLoop.run(options.clients(), options.durationSeconds(), 200, servicePage));
            System.out.printf("  pages rep %d: search p95 %.1f ms (listing-service %.1f ms), listing page p95 %.1f ms"
                            + " (listing-service %.1f ms)%n", rep + 1, p95(cs.getLast()), p95(ss.getLast()),
                    p95(cp.getLast()), p95(sp.getLast()));
        }
        return List.of(row("pages-search", "catalogue search (" + LISTINGS + " listings match)", cs,
                        "GET /listings?q= on listing-service", ss),
                row("pages-listing", "a listing's page", cp, "GET /listings/{id} on listing-service", sp));
    }

    private Row row(String id, String scenario, List<ClosedLoop.Result> console, String anchor,
                    List<ClosedLoop.Result> service) {
        double[] all = flat(console);
        double[] anchorAll = flat(service);
        long failed = console.stream().mapToLong(r -> r.completed() - r.accepted()).sum();
        return Row.of(id, "web console, " + scenario, "page latency (visitor, " + options.clients() + " clients)", "ms",
                        options.clients(), Stats.median(all), Stats.percentile(all, 99), all.length,
                        console.stream().map(r -> Stats.percentile(r.latenciesMs(), 99)).toList())
                .anchor(anchor, Stats.median(anchorAll), Stats.percentile(anchorAll, 99))
                .note(String.format("p95 %.1f ms beside listing-service's %.1f ms; pages/s median %.0f, API calls/s %.0f;"
                                + " %d answers not 200", Stats.percentile(all, 95), Stats.percentile(anchorAll, 95),
                        Stats.median(console.stream().mapToDouble(ClosedLoop.Result::completedPerSecond).toArray()),
                        Stats.median(service.stream().mapToDouble(ClosedLoop.Result::completedPerSecond).toArray()), failed));
    }

    private void awaitSearchable(String url) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Http.Response found = http.send("GET", url, null, Listings.FIRM);
            if (found.status() == 200 && found.json().path("hits").size() >= LISTINGS) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("The " + LISTINGS + " listings were not searchable within a minute");
    }

    private static double p95(ClosedLoop.Result result) {
        return Stats.percentile(result.latenciesMs(), 95);
    }

    private static double[] flat(List<ClosedLoop.Result> results) {
        return results.stream().flatMapToDouble(r -> java.util.Arrays.stream(r.latenciesMs())).toArray();
    }
}
