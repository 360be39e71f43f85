package io.techex.console.web;

import io.techex.console.security.SignedIn;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** After signing in, each person lands on the page that answers "what needs me now?" for their role. */
@Controller
class HomeController {

    @GetMapping("/home")
    String home() {
        return SignedIn.current().map(person -> switch (person.role()) {
            case "UNIVERSITY" -> "redirect:/my/technologies";
            case "OPERATOR" -> "redirect:/verification";
            case "REGULATOR" -> "redirect:/regulator/decisions";
                        default -> "redirect:/";
        }).orElse("redirect:/");
    }

    @GetMapping("/error/forbidden")
    String forbidden() {
        return "error/forbidden";
    }
}
