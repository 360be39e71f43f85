package io.techex.contract.api;

/** An IP title named by its office and number, e.g. {@code VN 1-0023456}. */
public record IpTitleRef(String office, String number) {
}
