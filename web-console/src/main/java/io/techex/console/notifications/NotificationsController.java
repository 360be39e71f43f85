package io.techex.console.notifications;

import io.techex.console.security.SignedIn;
import io.techex.console.services.Notifications;
import io.techex.console.services.Notifications.Notification;
import io.techex.console.services.ServiceProblem;
import io.techex.console.services.ServiceUnavailable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

import java.util.regex.Pattern;

import static io.techex.console.catalogue.ListingPageController.checked;

/**
 * {@code /my/notifications}: the signed-in person's feed from notification-service, newest first, what they have not
 * read marked; opening one marks it read and goes to its page, and one may be marked read where it stands. The header
 * shows how many are unread ({@code /my/notifications/count}, loaded by htmx after the page, so that a page never
 * waits for the feed, and still shows when notification-service does not answer). Whose notifications these are, and
 * in which language, is notification-service's answer from the person's token.
 */
@Controller
class NotificationsController {

    static final int PAGE = 20;
    /** A page of this console: a path, not another site ({@code //host}) nor a backslash trick. */
    private static final Pattern CONSOLE_PATH = Pattern.compile("/(?![/\\\\])[^\\\\\\s]*");

    private final Notifications notifications;
    private final MessageSource messages;

    NotificationsController(Notifications notifications, MessageSource messages) {
        this.notifications = notifications;
        this.messages = messages;
    }

    @GetMapping("/my/notifications")
    String feed(@RequestParam(required = false) String cursor, Model model) {
        Notifications.FeedPage page = notifications.feed(PAGE, cursor);
        model.addAttribute("feed", page);
        model.addAttribute("older", page.nextCursor() == null ? null : UriComponentsBuilder.fromPath("/my/notifications")
                .queryParam("cursor", page.nextCursor()).encode().toUriString());
        model.addAttribute("first", cursor == null || cursor.isBlank());
        return "my-notifications";
    }

    /** The header's count of unread notifications: nothing when there are none, or when the feed cannot be read now. */
    @GetMapping("/my/notifications/count")
    String count(Model model) {
        long unread;
        try {
            unread = notifications.unread();
        } catch (ServiceUnavailable | ServiceProblem notNow) {
            unread = 0;
        }
        model.addAttribute("unread", unread);
        return "layout :: notificationCount";
    }

    /**
     * Opens what a notification tells about, marking it read on the way. A regulator reads a contract on the
     * regulator's page of it, where the decision is made, rather than on the parties' page the feed names.
     */
    @GetMapping("/my/notifications/{notificationId}")
    String open(@PathVariable String notificationId) {
        Notification read = notifications.markRead(checked(notificationId));
        return "redirect:" + destination(read.link(), SignedIn.current().map(SignedIn::isRegulator).orElse(false));
    }

    /** Where a notification's link leads in this console; a link that is no page of it leads back to the feed. */
    static String destination(String link, boolean regulator) {
        if (link == null || !CONSOLE_PATH.matcher(link).matches()) {
            return "/my/notifications";
        }
        return regulator && link.startsWith("/contracts/") ? "/regulator" + link : link;
    }

    @PostMapping("/my/notifications/{notificationId}/read")
    String markRead(@PathVariable String notificationId, @RequestParam(required = false) String cursor,
                    RedirectAttributes redirect) {
        Notification read = notifications.markRead(checked(notificationId));
        redirect.addFlashAttribute("done", messages.getMessage("notifications.done.read", new Object[]{read.subject()},
                LocaleContextHolder.getLocale()));
        if (cursor != null && !cursor.isBlank()) {
            redirect.addAttribute("cursor", cursor);
        }
        return "redirect:/my/notifications#feed";
    }
}
