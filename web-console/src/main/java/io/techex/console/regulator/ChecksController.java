package io.techex.console.regulator;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * {@code /regulator/checks}: what audit-service's regulatory checks find over the whole trail, each finding with the
 * parties and the events that show it, each event a link to its place on the asset's time line. The checks, their
 * legal basis and their findings are audit-service's.
 */
@Controller
class ChecksController {

    private final RegulatorServices services;

    ChecksController(RegulatorServices services) {
        this.services = services;
    }

    @GetMapping("/regulator/checks")
    String checks(Model model) {
        model.addAttribute("checks", services.checks());
        return "regulator/checks";
    }
}
