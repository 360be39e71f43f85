package io.techex.console.web;

import org.springframework.ui.Model;

import java.util.List;
import java.util.Map;

/**
 * The page a binding action passes through once: it shows exactly what will be committed (amounts in words too) and
 * sends the same form again, now confirmed, or back to be changed. {@code details} names the fragment of
 * {@code deal-parts.html} that shows what is committed, from the model the controller filled.
 *
 * @param title   message key of the page's heading
 * @param lead    message key of what the action binds the reader to
 * @param action  where the form goes, confirmed or to be changed
 * @param button  message key of the confirming button
 * @param hidden  the form's values, sent again as they were
 */
public record Confirmation(String title, String lead, String action, String button, String details,
                           List<Map.Entry<String, String>> hidden) {

    /** The request parameter that marks a form as confirmed. */
    public static final String CONFIRMED = "confirmed";
    /** The request parameter that asks for the form again, to change it. */
    public static final String CHANGE = "change";

    public String show(Model model) {
        model.addAttribute("confirmation", this);
        return "confirm";
    }
}
