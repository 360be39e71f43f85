package io.techex.listing.matching;

import io.techex.listing.api.AskingPrice;
import io.techex.listing.api.AssetType;
import io.techex.listing.api.Budget;
import io.techex.listing.api.DealOption;
import io.techex.listing.api.DealType;
import io.techex.listing.api.IpTitle;
import io.techex.listing.api.IpTitleOwner;
import io.techex.listing.api.LocalizedText;
import io.techex.listing.api.NeedOwnerKind;
import io.techex.listing.api.RegulatoryCategory;
import io.techex.listing.catalogue.ListingContent;
import io.techex.listing.need.NeedContent;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A market to match: listings and needs in six fields (water treatment, agriculture, biotech, materials, energy, ICT),
 * generated from templates in Vietnamese and English with IPC classes, TRLs, deal types and VND prices, deterministic
 * for a seed; and hand-written pairs, each a need and the listing that should be its best match, some needs typed
 * without diacritics, some in English only, each among listings of the same field and class that share many of its
 * words.
 */
final class Corpus {

    record Term(String vi, String en) {
    }

    /** A field: what its technologies treat or serve, how, how a title reads, and its IPC classes. */
    record Field(String name, List<Term> subjects, List<Term> methods, String viTitle, String enTitle, List<String> ipc) {
    }

    record Listing(String seller, ListingContent content) {
    }

    record Need(String owner, NeedContent content) {
    }

    /**
     * A need and the listing it should match best.
     *
     * @param listingFirst whether the listing is on the market before the need (its score is then computed when the
     *                     need is published) or after (when the listing is)
     */
    record Pair(String name, Need need, Listing listing, boolean listingFirst) {
    }

    static final List<Field> FIELDS = List.of(
            new Field("water",
                    terms("nước thải dệt nhuộm", "textile dyeing wastewater", "nước thải chăn nuôi lợn", "pig farm wastewater",
                            "nước thải bệnh viện", "hospital wastewater", "nước thải chế biến thủy sản", "seafood processing wastewater",
                            "nước thải sinh hoạt", "domestic sewage", "bùn thải đô thị", "urban sewage sludge",
                            "nước ngầm nhiễm sắt và mangan", "groundwater with iron and manganese", "nước mặt nhiễm tảo", "algae-laden surface water"),
                    terms("màng lọc nano", "nanofiltration membranes", "than hoạt tính từ vỏ dừa", "coconut-shell activated carbon",
                            "bể phản ứng kỵ khí UASB", "UASB anaerobic reactors", "ozone hóa", "ozonation", "bể lọc sinh học", "biofilters",
                            "quang xúc tác TiO2", "TiO2 photocatalysis", "thẩm thấu ngược", "reverse osmosis",
                            "bãi lọc trồng cây", "constructed wetlands"),
                    "Xử lý %s bằng %s", "%s treatment with %s",
                    List.of("C02F 1/44", "C02F 1/28", "C02F 3/28", "C02F 1/78", "C02F 3/32", "C02F 1/30", "C02F 11/04", "B01D 61/02")),
            new Field("agriculture",
                    terms("lúa", "rice", "cà phê", "coffee", "hồ tiêu", "black pepper", "thanh long", "dragon fruit",
                            "rau ăn lá", "leafy vegetables", "xoài", "mango", "chè", "tea", "cây có múi", "citrus"),
                    terms("tưới nhỏ giọt tiết kiệm nước", "water-saving drip irrigation", "phân bón hữu cơ vi sinh",
                            "microbial organic fertiliser", "nhà màng điều khiển khí hậu", "climate-controlled greenhouses",
                            "thuốc bảo vệ thực vật sinh học", "biological pesticides", "cơ giới hóa thu hoạch", "mechanised harvesting",
                            "màng bao bảo quản sau thu hoạch", "post-harvest edible coatings"),
                    "%2$s cho %1$s", "%2$s for %1$s",
                    List.of("A01G 25/02", "C05F 11/08", "A01G 9/14", "A01N 63/00", "A01D 45/00", "A23B 7/16")),
            new Field("biotech",
                    terms("gia cầm", "poultry", "lợn", "pigs", "tôm nuôi", "farmed shrimp", "cá tra", "pangasius",
                            "bò sữa", "dairy cattle", "người cao tuổi", "the elderly"),
                    terms("vắc xin tái tổ hợp", "recombinant vaccines", "chế phẩm probiotic", "probiotic preparations",
                            "kit chẩn đoán PCR nhanh", "rapid PCR diagnostic kits", "kháng thể đơn dòng", "monoclonal antibodies",
                            "enzyme tái tổ hợp", "recombinant enzymes", "thực phẩm chức năng từ nấm dược liệu", "medicinal-mushroom supplements"),
                    "%2$s cho %1$s", "%2$s for %1$s",
                    List.of("C12N 15/09", "A61K 39/12", "C12Q 1/68", "C07K 16/00", "C12N 9/00", "A61K 36/06", "A23K 10/18")),
            new Field("materials",
                    terms("xây dựng dân dụng", "building construction", "công trình biển", "marine structures",
                            "bao bì thực phẩm", "food packaging", "ô tô và xe máy", "cars and motorbikes",
                            "đồ gỗ nội thất", "indoor furniture", "ngành dệt may", "textiles"),
                    terms("vật liệu composite sợi tre", "bamboo-fibre composites", "nhựa phân hủy sinh học từ tinh bột",
                            "starch-based biodegradable plastics", "lớp phủ chống ăn mòn", "anti-corrosion coatings",
                            "xi măng ít clinker", "low-clinker cement", "vật liệu cách nhiệt aerogel", "aerogel insulation",
                            "hợp kim nhôm nhẹ", "lightweight aluminium alloys"),
                    "%2$s dùng trong %1$s", "%2$s for %1$s",
                    List.of("C08L 97/02", "C08L 3/02", "C09D 5/08", "C04B 7/02", "C04B 38/00", "C22C 21/00", "B32B 27/00")),
            new Field("energy",
                    terms("hộ gia đình", "households", "nhà máy chế biến", "processing plants", "trạm viễn thông", "telecom stations",
                            "tàu cá", "fishing boats", "trang trại", "farms", "khu công nghiệp", "industrial parks"),
                    terms("pin mặt trời áp mái", "rooftop solar panels", "pin lưu trữ lithium sắt phốt phát",
                            "lithium iron phosphate batteries", "tua bin gió cỡ nhỏ", "small wind turbines",
                            "lò hơi đốt sinh khối", "biomass boilers", "máy nước nóng năng lượng mặt trời", "solar water heaters",
                            "hầm biogas composite", "composite biogas digesters"),
                    "%2$s cho %1$s", "%2$s for %1$s",
                    List.of("H02S 20/23", "H01M 10/052", "F03D 1/06", "F23G 7/10", "F24S 10/70", "C12P 5/02", "H02J 3/38")),
            new Field("ict",
                    terms("bệnh viện", "hospitals", "trường học", "schools", "nông trại", "farms", "giao thông đô thị", "urban traffic",
                            "nhà máy", "factories", "ngân hàng", "banks"),
                    terms("phần mềm quản lý trên điện toán đám mây", "cloud-based management software", "cảm biến IoT không dây",
                            "wireless IoT sensors", "trí tuệ nhân tạo nhận dạng hình ảnh", "AI image recognition",
                            "chuỗi khối truy xuất nguồn gốc", "blockchain traceability", "camera giám sát thông minh",
                            "smart video surveillance", "chatbot tiếng Việt", "Vietnamese chatbots"),
                    "%2$s cho %1$s", "%2$s for %1$s",
                    List.of("G06Q 10/06", "G08C 17/02", "G06V 10/82", "G06Q 30/018", "H04N 7/18", "G06F 40/35")));

    private static final List<Term> SCALES = terms("phòng thí nghiệm", "laboratory", "pilot", "pilot", "công nghiệp", "industrial");
    private static final List<Term> PLACES = terms("Hà Nội", "Hanoi", "Thành phố Hồ Chí Minh", "Ho Chi Minh City",
            "Cần Thơ", "Can Tho", "Đà Nẵng", "Da Nang", "Thái Nguyên", "Thai Nguyen", "Bình Dương", "Binh Duong");

    private final Random random;
    private final String run;
    private final Instant deadline;

    /** @param run a word of the test run's own, in every organisation's id, so no other data is taken for this corpus */
    Corpus(long seed, String run, Instant deadline) {
        this.random = new Random(seed);
        this.run = run;
        this.deadline = deadline;
    }

    List<Listing> listings(int perField) {
        List<Listing> listings = new ArrayList<>();
        for (Field field : FIELDS) {
            for (int i = 0; i < perField; i++) {
                Term subject = pick(field.subjects());
                Term method = pick(field.methods());
                Term scale = pick(SCALES);
                Term place = pick(PLACES);
                int percent = 20 + random.nextInt(60);
                String titleVi = capitalise(field.viTitle().formatted(subject.vi(), method.vi()));
                String titleEn = capitalise(field.enTitle().formatted(subject.en(), method.en()));
                boolean english = random.nextInt(10) >= 3;
                String summaryVi = titleVi + ". Hiệu quả hơn " + percent + "% so với giải pháp hiện có, đã thử nghiệm ở quy mô "
                        + scale.vi() + " tại " + place.vi() + ".";
                String summaryEn = titleEn + ". " + percent + "% more effective than current practice, tested at " + scale.en()
                        + " scale in " + place.en() + ".";
                List<String> ipc = new ArrayList<>(List.of(pick(field.ipc())));
                if (random.nextInt(4) == 0) {
                    String second = pick(field.ipc());
                    if (!ipc.contains(second)) {
                        ipc.add(second);
                    }
                }
                List<String> keywords = new ArrayList<>(List.of(subject.vi(), method.vi()));
                if (english) {
                    keywords.add(method.en());
                }
                String seller = "uni-" + field.name() + "-" + (i % 7) + "-" + run;
                listings.add(new Listing(seller, listing(seller, new LocalizedText(titleVi, english ? titleEn : null),
                        new LocalizedText(summaryVi, english ? summaryEn : null), ipc, 3 + random.nextInt(7), keywords,
                        dealOptions(), price())));
            }
        }
        return listings;
    }

    List<Need> needs(int perField) {
        List<Need> needs = new ArrayList<>();
        for (Field field : FIELDS) {
            for (int i = 0; i < perField; i++) {
                Term subject = pick(field.subjects());
                Term method = random.nextBoolean() ? pick(field.methods()) : null;
                Term place = pick(PLACES);
                String coreVi = field.name().equals("water") ? "xử lý " + subject.vi() : "công nghệ mới cho " + subject.vi();
                String coreEn = field.name().equals("water") ? subject.en() + " treatment" : "new technology for " + subject.en();
                String titleVi = "Cần giải pháp " + coreVi + (method == null ? "" : " bằng " + method.vi());
                String titleEn = "Seeking " + coreEn + (method == null ? "" : " using " + method.en());
                String statementVi = "Doanh nghiệp tại " + place.vi() + " cần " + coreVi + " ở quy mô công nghiệp. "
                        + "Ưu tiên công nghệ đã thử nghiệm, chuyển giao nhanh.";
                String statementEn = "A company in " + place.en() + " needs " + coreEn + " at industrial scale; "
                        + "proven technology that can be transferred quickly is preferred.";
                int language = random.nextInt(10);
                LocalizedText title;
                LocalizedText statement;
                if (language < 2) {
                    title = new LocalizedText(null, titleEn);
                    statement = new LocalizedText(null, statementEn);
                } else if (language < 3) {
                    title = new LocalizedText(withoutDiacritics(titleVi), null);
                    statement = new LocalizedText(withoutDiacritics(statementVi), null);
                } else if (language < 7) {
                    title = new LocalizedText(titleVi, titleEn);
                    statement = new LocalizedText(statementVi, statementEn);
                } else {
                    title = new LocalizedText(titleVi, null);
                    statement = new LocalizedText(statementVi, null);
                }
                String group = pick(field.ipc());
                String ipc = switch (random.nextInt(3)) {
                    case 0 -> group.substring(0, 3);
                    case 1 -> group.substring(0, 4);
                    default -> group;
                };
                List<DealType> deals = new ArrayList<>();
                for (DealType type : DealType.values()) {
                    if (random.nextInt(3) > 0) {
                        deals.add(type);
                    }
                }
                if (deals.isEmpty()) {
                    deals.add(DealType.NON_EXCLUSIVE_LICENCE);
                }
                Budget budget = random.nextInt(10) < 6 ? Budget.of(null, millions(500 + random.nextInt(55) * 100), null) : null;
                String owner = "firm-" + field.name() + "-" + (i % 5) + "-" + run;
                needs.add(new Need(owner, new NeedContent(title, statement, List.of(), List.of(ipc), 3 + random.nextInt(6),
                        deals, random.nextInt(10) < 7 ? "VN" : null, budget, deadline, random.nextBoolean(), NeedOwnerKind.FIRM)));
            }
        }
        return needs;
    }

    /** Fifteen needs, each with the listing it should match best. */
    List<Pair> pairs() {
        List<DealType> licences = List.of(DealType.NON_EXCLUSIVE_LICENCE, DealType.EXCLUSIVE_LICENCE);
        Budget threeBillion = Budget.of(null, millions(3000), null);
        return List.of(
                pair("typed without diacritics: magnetic nano-material for dye wastewater", true,
                        need(text("Can cong nghe xu ly nuoc thai det nhuom bang vat lieu nano tu tinh", null),
                                text("Nha may det o Nam Dinh can khu mau nuoc thai det nhuom, vat lieu nano tu tinh thu hoi bang nam cham de tai su dung.", null),
                                "C02F", 5, licences, threeBillion),
                        listing(text("Vật liệu nano từ tính Fe3O4 xử lý nước thải dệt nhuộm", null),
                                text("Hạt nano từ tính hấp phụ thuốc nhuộm, thu hồi bằng nam châm và tái sử dụng 10 lần.", null),
                                List.of("C02F 1/28"), 6, List.of("nano từ tính", "nước thải dệt nhuộm"), 1_500)),
                pair("English only: heat-pump dryer for durian", true,
                        need(text(null, "Heat-pump drying of durian that keeps its aroma"),
                                text(null, "We export frozen and dried durian and need a low-temperature heat-pump dryer that keeps the fruit's aroma."),
                                "F26B", 6, licences, threeBillion),
                        listing(text("Máy sấy sầu riêng bằng bơm nhiệt giữ hương", "Heat-pump dryer for durian that keeps its aroma"),
                                text("Sấy nhiệt độ thấp bằng bơm nhiệt.", "Low-temperature heat-pump drying for durian and jackfruit, aroma preserved."),
                                List.of("F26B 9/06"), 7, List.of("sấy", "sầu riêng"), 900)),
                pair("Vietnamese only listing, need without diacritics: rice straw decomposition", true,
                        need(text("Xu ly rom ra tai ruong bang che pham vi sinh", null),
                                text("Hop tac xa can che pham vi sinh phan huy rom ra nhanh sau thu hoach, tranh dot rom.", null),
                                "C05F", 4, licences, null),
                        listing(text("Chế phẩm vi sinh phân hủy nhanh rơm rạ sau thu hoạch", null),
                                text("Chủng nấm Trichoderma phân hủy rơm rạ tại ruộng trong 15 ngày, thay cho đốt rơm.", null),
                                List.of("C05F 11/08"), 7, List.of("rơm rạ", "vi sinh"), 300)),
                pair("IoT salinity monitoring for shrimp ponds", true,
                        need(text("Giám sát độ mặn ao nuôi tôm bằng cảm biến IoT", "IoT salinity monitoring for shrimp ponds"),
                                text("Trang trại tôm ở Sóc Trăng cần cảnh báo độ mặn và oxy hòa tan theo thời gian thực.", null),
                                "G08C", 6, licences, Budget.of(null, millions(800), null)),
                        listing(text("Hệ thống IoT giám sát độ mặn và oxy hòa tan cho ao nuôi tôm", "IoT system monitoring salinity and dissolved oxygen in shrimp ponds"),
                                text("Cảm biến độ mặn, oxy hòa tan gửi cảnh báo qua điện thoại.", null),
                                List.of("G08C 17/02"), 7, List.of("độ mặn", "nuôi tôm"), 600)),
                pair("English need, bilingual listing: unfired fly-ash bricks", true,
                        need(text(null, "Unfired bricks from coal fly ash"),
                                text(null, "A building-materials company wants to make unfired bricks from the fly ash of a coal power plant."),
                                "C04B", 5, List.of(DealType.ASSIGNMENT, DealType.NON_EXCLUSIVE_LICENCE), threeBillion),
                        listing(text("Gạch không nung từ tro bay nhiệt điện", "Unfired bricks made from power-plant fly ash"),
                                text("Gạch không nung dùng 60% tro bay.", "Unfired bricks with 60% coal fly ash, cured without firing."),
                                List.of("C04B 28/00"), 8, List.of("tro bay", "gạch không nung"), 2_000)),
                pair("perovskite thin-film solar cells", true,
                        need(text("Tấm pin năng lượng mặt trời màng mỏng perovskite hiệu suất cao", null),
                                text("Doanh nghiệp cần công nghệ chế tạo pin perovskite màng mỏng ổn định.", null),
                                "H01L", 4, licences, null),
                        listing(text("Pin mặt trời màng mỏng perovskite ổn định", "Stable perovskite thin-film solar cells"),
                                text("Pin perovskite màng mỏng hiệu suất 21%, ổn định 1000 giờ.", null),
                                List.of("H01L 31/18"), 5, List.of("perovskite", "pin mặt trời"), 4_000)),
                pair("salt-tolerant rice for the Mekong delta, typed without diacritics", true,
                        need(text("Giong lua chiu man cho dong bang song Cuu Long", null),
                                text("Can giong lua chiu man 4 phan nghin, nang suat cao cho vung ven bien.", null),
                                "A01H", 7, List.of(DealType.NON_EXCLUSIVE_LICENCE), null),
                        listing(text("Giống lúa chịu mặn năng suất cao cho đồng bằng sông Cửu Long", "High-yield salt-tolerant rice for the Mekong delta"),
                                text("Giống lúa chịu mặn đến 4‰, năng suất 7 tấn/ha.", null),
                                List.of("A01H 6/46"), 9, List.of("lúa chịu mặn"), 1_200)),
                pair("English need: arsenic filter from modified laterite", true,
                        need(text(null, "Arsenic filter using modified laterite"),
                                text(null, "Rural water utilities need a cheap arsenic filter; laterite-based media preferred."),
                                "C02F", 5, licences, Budget.of(null, millions(700), null)),
                        listing(text("Lọc asen bằng vật liệu đá ong biến tính", "Arsenic removal filter from modified laterite"),
                                text("Đá ong biến tính hấp phụ asen.", "Modified laterite adsorbs arsenic from well water to below 10 µg/L."),
                                List.of("C02F 1/28"), 6, List.of("asen", "đá ong"), 500)),
                pair("H5N1 avian influenza vaccine", false,
                        need(text("Vắc xin phòng cúm gia cầm H5N1 cho trang trại", null),
                                text("Trang trại gà cần vắc xin cúm gia cầm H5N1 bất hoạt, sản xuất trong nước.", null),
                                "A61K", 6, licences, threeBillion),
                        listing(text("Vắc xin cúm gia cầm H5N1 bất hoạt", "Inactivated H5N1 avian influenza vaccine"),
                                text("Vắc xin bất hoạt phòng cúm gia cầm H5N1, đã qua thử nghiệm thực địa.", null),
                                List.of("A61K 39/145"), 8, List.of("cúm gia cầm", "H5N1"), 2_500)),
                pair("English need: Vietnamese handwriting recognition", false,
                        need(text(null, "Vietnamese handwriting recognition for scanned forms"),
                                text(null, "An insurer needs to read handwritten Vietnamese on scanned claim forms."),
                                "G06V", 6, licences, Budget.of(null, millions(1500), null)),
                        listing(text("Nhận dạng chữ viết tay tiếng Việt", "Vietnamese handwriting recognition"),
                                text("Nhận dạng chữ viết tay trên biểu mẫu quét.", "Reads handwritten Vietnamese on scanned forms with 96% accuracy."),
                                List.of("G06V 30/226"), 7, List.of("OCR", "chữ viết tay"), 1_000)),
                pair("biogas from cassava-starch wastewater, typed without diacritics", false,
                        need(text("Thu hoi biogas tu nuoc thai tinh bot san", null),
                                text("Nha may tinh bot san can thu hoi khi biogas tu nuoc thai de dot lo hoi.", null),
                                "C12P", 5, licences, threeBillion),
                        listing(text("Thu hồi biogas từ nước thải chế biến tinh bột sắn", "Biogas from cassava-starch wastewater"),
                                text("Bể kỵ khí phủ bạt thu biogas từ nước thải tinh bột sắn để đốt lò hơi.", null),
                                List.of("C12P 5/02", "C02F 3/28"), 8, List.of("biogas", "tinh bột sắn"), 2_800)),
                pair("geopolymer concrete against seawater", false,
                        need(text("Bê tông geopolymer chống xâm thực nước biển", null),
                                text("Cần bê tông geopolymer bền trong môi trường nước biển cho kè chắn sóng.", null),
                                "C04B", 5, licences, null),
                        listing(text("Bê tông geopolymer cho công trình ven biển", "Geopolymer concrete for coastal structures"),
                                text("Bê tông geopolymer từ tro bay và xỉ, chống xâm thực nước biển.", null),
                                List.of("C04B 28/00"), 6, List.of("geopolymer", "bê tông"), 1_800)),
                pair("English need: pheromone traps against fruit borers", false,
                        need(text(null, "Pheromone traps against fruit borers on dragon fruit"),
                                text(null, "Dragon fruit growers need pheromone traps to control fruit borers without insecticides."),
                                "A01M", 5, licences, Budget.of(null, millions(400), null)),
                        listing(text("Bẫy pheromone phòng trừ sâu đục quả", "Pheromone traps against fruit borers"),
                                text("Bẫy pheromone giới tính.", "Sex-pheromone traps control fruit borers on dragon fruit and mango."),
                                List.of("A01M 1/02"), 8, List.of("pheromone", "sâu đục quả"), 250)),
                pair("smart energy management for office buildings, without diacritics", false,
                        need(text("Quan ly nang luong thong minh cho toa nha van phong", null),
                                text("Toa nha van phong can he thong quan ly nang luong thong minh, giam 20% dien nang.", null),
                                "H02J", 6, licences, Budget.of(null, millions(2000), null)),
                        listing(text("Hệ thống quản lý năng lượng thông minh cho tòa nhà văn phòng", "Smart energy management for office buildings"),
                                text("Điều khiển điều hòa, chiếu sáng theo cảm biến, tiết kiệm 25% điện năng.", null),
                                List.of("H02J 3/14"), 7, List.of("quản lý năng lượng", "tòa nhà"), 1_600)),
                pair("chitosan coating to keep mangoes", false,
                        need(text("Màng bao chitosan bảo quản xoài xuất khẩu", "Chitosan coating to keep export mangoes"),
                                text("Cần màng bao chitosan kéo dài thời gian bảo quản xoài xuất khẩu.", null),
                                "A23B", 6, licences, Budget.of(null, millions(600), null)),
                        listing(text("Màng bao chitosan kéo dài thời gian bảo quản xoài", "Chitosan coating that keeps mangoes longer"),
                                text("Màng bao chitosan nano giữ xoài tươi 4 tuần.", null),
                                List.of("A23B 7/16"), 7, List.of("chitosan", "xoài"), 450)));
    }

    // ---- builders

    private Pair pair(String name, boolean listingFirst, NeedContent need, ListingContent listing) {
        return new Pair(name, new Need("firm-pair-" + run, need), new Listing("uni-pair-" + run, listing), listingFirst);
    }

    private NeedContent need(LocalizedText title, LocalizedText statement, String ipc, int trl, List<DealType> deals, Budget budget) {
        return new NeedContent(title, statement, List.of(), List.of(ipc), trl, deals, "VN", budget, deadline, false,
                NeedOwnerKind.FIRM);
    }

    private ListingContent listing(LocalizedText title, LocalizedText summary, List<String> ipc, int trl, List<String> keywords,
                                   int priceMillions) {
        return listing("uni-pair-" + run, title, summary, ipc, trl, keywords,
                List.of(new DealOption(DealType.NON_EXCLUSIVE_LICENCE, null, "VN"), DealOption.of(DealType.ASSIGNMENT)),
                AskingPrice.of(millions(priceMillions), "VND"));
    }

    private static ListingContent listing(String seller, LocalizedText title, LocalizedText summary, List<String> ipc, int trl,
                                          List<String> keywords, List<DealOption> deals, AskingPrice price) {
        IpTitle patent = new IpTitle("VN", "1-00" + Math.abs(title.vi().hashCode() % 100_000), "B1", LocalDate.of(2020, 5, 4),
                LocalDate.of(2023, 1, 9), LocalDate.of(2040, 5, 4),
                List.of(new IpTitleOwner(seller, "Trường " + seller, BigDecimal.valueOf(100))));
        return new ListingContent(title, summary, AssetType.PATENT, trl, List.of(patent), ipc, keywords, deals, price,
                RegulatoryCategory.ORDINARY, false);
    }

    private List<DealOption> dealOptions() {
        List<DealOption> deals = new ArrayList<>();
        if (random.nextInt(4) > 0) {
            deals.add(new DealOption(DealType.NON_EXCLUSIVE_LICENCE, null, random.nextBoolean() ? "VN" : null));
        }
        if (random.nextInt(3) == 0) {
            deals.add(new DealOption(DealType.EXCLUSIVE_LICENCE, null, "VN"));
        }
        if (deals.isEmpty() || random.nextInt(3) == 0) {
            deals.add(DealOption.of(DealType.ASSIGNMENT));
        }
        return deals;
    }

    private AskingPrice price() {
        return random.nextInt(10) == 0 ? AskingPrice.onRequestOnly() : AskingPrice.of(millions(200 + random.nextInt(59) * 100), "VND");
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static BigDecimal millions(int millions) {
        return BigDecimal.valueOf(millions).multiply(BigDecimal.valueOf(1_000_000));
    }

    private static LocalizedText text(String vi, String en) {
        return new LocalizedText(vi, en);
    }

    private static String capitalise(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** As people type Vietnamese on a keyboard without a Vietnamese input method: "Xử lý" becomes "Xu ly". */
    static String withoutDiacritics(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "").replace('đ', 'd').replace('Đ', 'D');
    }

    private static List<Term> terms(String... viAndEn) {
        List<Term> terms = new ArrayList<>();
        for (int i = 0; i < viAndEn.length; i += 2) {
            terms.add(new Term(viAndEn[i], viAndEn[i + 1]));
        }
        return terms;
    }
}
