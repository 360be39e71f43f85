package io.techex.console.catalogue;

import io.techex.console.deals.DealNeeds;
import io.techex.console.security.SignedIn;
import io.techex.console.services.Listings;
import io.techex.console.services.Model.Enquiry;
import io.techex.console.services.Model.Nda;
import io.techex.console.services.Model.SearchPage;
import io.techex.console.services.ServiceProblem;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;

import java.util.List;

/**
 * {@code /}: the catalogue, for everyone. Search in Vietnamese or English, with or without diacritics, narrowed by
 * facets; results page by page. With htmx the results follow the typing; without JavaScript the form is an ordinary
 * GET. A firm sees first what needs it: its NDA requests decided and questions answered.
 */
@Controller
class CatalogueController {

    static final List<String> ASSET_TYPES = List.of("PATENT", "UTILITY_SOLUTION", "INDUSTRIAL_DESIGN", "LAYOUT_DESIGN",
            "PLANT_VARIETY", "SOFTWARE", "KNOW_HOW", "TECHNICAL_SOLUTION");
    static final List<String> DEAL_TYPES = List.of("ASSIGNMENT", "EXCLUSIVE_LICENCE", "NON_EXCLUSIVE_LICENCE");

    private final Listings listings;
    private final DealNeeds dealNeeds;

    CatalogueController(Listings listings, DealNeeds dealNeeds) {
        this.listings = listings;
        this.dealNeeds = dealNeeds;
    }

    @GetMapping("/")
    String catalogue(@ModelAttribute("search") CatalogueSearch search, HttpServletRequest request, Model model) {
        model.addAttribute("assetTypes", ASSET_TYPES);
        model.addAttribute("dealTypes", DEAL_TYPES);
        try {
            SearchPage page = listings.search(search.toQuery());
            model.addAttribute("page", page);
            if (page.nextCursor() != null) {
                model.addAttribute("nextPage", search.withCursor(page.nextCursor()));
            }
        } catch (ServiceProblem refused) {
            if (!refused.isRefusal()) {
                throw refused;
            }
            // a filter the service refused (a TRL of 12, a price that is no number): named next to the facets
            model.addAttribute("page", new SearchPage(List.of(), null));
            model.addAttribute("searchProblem", refused);
        }
        SignedIn.current().filter(SignedIn::isFirm).ifPresent(firm -> {
            List<Nda> decided = listings.ndas(null).stream().filter(nda -> !"REQUESTED".equals(nda.status())).toList();
            List<Enquiry> answered = listings.enquiries(null).stream().filter(e -> e.answer() != null).toList();
            model.addAttribute("decidedNdas", decided);
            model.addAttribute("answeredEnquiries", answered);
            model.addAttribute("dealNeeds", dealNeeds.orNull(firm));
        });
        // htmx asks for the results only as the person types
        return request.getHeader("HX-Request") != null ? "catalogue :: results" : "catalogue";
    }

    /** The search form; the service checks every value. */
    public static final class CatalogueSearch {
        private String q;
        private String assetType;
        private String ipc;
        private String trlMin;
        private String trlMax;
        private String dealType;
        private String priceMin;
        private String priceMax;
        private String sort;
        private String cursor;

        MultiValueMap<String, String> toQuery() {
            MultiValueMap<String, String> query = new LinkedMultiValueMap<>();
            put(query, "q", q);
            put(query, "assetType", assetType);
            put(query, "ipc", ipc);
            put(query, "trlMin", trlMin);
            put(query, "trlMax", trlMax);
            put(query, "dealType", dealType);
            put(query, "priceMin", digits(priceMin));
            put(query, "priceMax", digits(priceMax));
            if (notBlank(priceMin) || notBlank(priceMax)) {
                query.add("currency", "VND");
            }
            put(query, "sort", sort);
            put(query, "cursor", cursor);
            query.add("limit", "10");
            return query;
        }

        /** The same search, one page further: the link to the next page. */
        String withCursor(String next) {
            var uri = org.springframework.web.util.UriComponentsBuilder.fromPath("/");
            toQuery().forEach((name, values) -> {
                if (!name.equals("cursor") && !name.equals("limit") && !name.equals("currency")) {
                    uri.queryParam(name, values.toArray());
                }
            });
            return uri.queryParam("cursor", next).encode().toUriString();
        }

        public boolean isFiltered() {
            return notBlank(q) || notBlank(assetType) || notBlank(ipc) || notBlank(trlMin) || notBlank(trlMax)
                    || notBlank(dealType) || notBlank(priceMin) || notBlank(priceMax);
        }

        /** Amounts are typed as people write them, 1.500.000.000 or 1,500,000,000: VND has no decimals. */
        private static String digits(String amount) {
            return amount == null ? null : amount.replaceAll("[\\s.,_₫]", "");
        }

        private static void put(MultiValueMap<String, String> query, String name, String value) {
            if (notBlank(value)) {
                query.add(name, value.strip());
            }
        }

        private static boolean notBlank(String value) {
            return value != null && !value.isBlank();
        }

        public String getQ() { return q; }
        public void setQ(String q) { this.q = q; }
        public String getAssetType() { return assetType; }
        public void setAssetType(String assetType) { this.assetType = assetType; }
        public String getIpc() { return ipc; }
        public void setIpc(String ipc) { this.ipc = ipc; }
        public String getTrlMin() { return trlMin; }
        public void setTrlMin(String trlMin) { this.trlMin = trlMin; }
        public String getTrlMax() { return trlMax; }
        public void setTrlMax(String trlMax) { this.trlMax = trlMax; }
        public String getDealType() { return dealType; }
        public void setDealType(String dealType) { this.dealType = dealType; }
        public String getPriceMin() { return priceMin; }
        public void setPriceMin(String priceMin) { this.priceMin = priceMin; }
        public String getPriceMax() { return priceMax; }
        public void setPriceMax(String priceMax) { this.priceMax = priceMax; }
        public String getSort() { return sort; }
        public void setSort(String sort) { this.sort = sort; }
        public String getCursor() { return cursor; }
        public void setCursor(String cursor) { this.cursor = cursor; }
    }
}
