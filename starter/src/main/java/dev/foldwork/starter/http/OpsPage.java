package dev.foldwork.starter.http;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The operations console at {@code /ops}: a static page ({@code static/ops/index.html} with its
 * script and style sheet) that asks for an admin key and speaks to {@code /api/v1/admin/}. The
 * page itself holds no data, so the API key filter lets {@code /ops} and its files through.
 */
@Controller
public class OpsPage {
    @GetMapping({"/ops", "/ops/"})
    public String console() {
        return "forward:/ops/index.html";
    }
}
