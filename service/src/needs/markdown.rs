//! Need descriptions are Markdown typed by instructors. They are rendered on the server and
//! the HTML is cleaned by ammonia's allow-list, so scripts, event handlers and `javascript:`
//! links never reach a page, whatever was typed.

/// Markdown to HTML that is safe to insert into a page.
pub fn to_safe_html(markdown: &str) -> String {
    use pulldown_cmark::{Options, Parser, html};
    let parser = Parser::new_ext(markdown, Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES);
    let mut raw = String::with_capacity(markdown.len() * 2);
    html::push_html(&mut raw, parser);
    ammonia::Builder::default().link_rel(Some("noopener nofollow noreferrer")).clean(&raw).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_markdown() {
        let html = to_safe_html("**Bring** boots.\n\n- A5 brakes\n- A4 steering");
        assert!(html.contains("<strong>Bring</strong>"), "{html}");
        assert!(html.contains("<li>A5 brakes</li>"), "{html}");
    }

    #[test]
    fn scripts_and_handlers_are_removed() {
        let html = to_safe_html(
            "Hi <script>alert(1)</script> <img src=x onerror=alert(2)> [x](javascript:alert(3)) <a href=\"https://ok.example\">ok</a>",
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("onerror"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(html.contains("rel=\"noopener nofollow noreferrer\""), "{html}");
    }
}
