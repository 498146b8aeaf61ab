//! The resources library: articles admins write for shops (leadership, retention, hiring,
//! training, working with schools), each public or for paying members only, and the
//! library's search parameters.
use serde::{Deserialize, Serialize};

use crate::{
    params::{ParamError, choice, given, number_in},
    vocabulary,
};

vocabulary! {
    /// What an article is about.
    ResourceCategory {
        Leadership => ("leadership", "Leadership"),
        Retention => ("retention", "Retention"),
        Hiring => ("hiring", "Hiring"),
        Training => ("training", "Training"),
        WorkingWithSchools => ("working_with_schools", "Working with schools"),
    }
}

vocabulary! {
    stored
    /// Who may read an article. Members-only articles do not exist for anyone else: they are
    /// not listed, counted or found, and their address answers as an unknown one does.
    Visibility {
        Public => ("public", "Everyone"),
        Members => ("members", "Members only"),
    }
}

/// Longest URL slug.
pub const MAX_SLUG: usize = 80;
/// Longest search text.
pub const MAX_QUERY: usize = 100;
/// Articles per page of the library.
pub const RESOURCES_PER_PAGE: usize = 20;

/// The slug a title suggests: lower-case ASCII letters and digits, words joined by single
/// hyphens, at most [`MAX_SLUG`] characters ("Hiring your first tech!" → "hiring-your-first-tech").
/// Letters outside ASCII are dropped rather than transliterated, so a title of only such
/// letters suggests nothing and the admin is asked for a slug.
pub fn slugify(title: &str) -> String {
    let mut slug = String::new();
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') && (c.is_whitespace() || c.is_ascii_punctuation())
        {
            slug.push('-');
        }
    }
    let mut slug: String = slug.chars().take(MAX_SLUG).collect();
    while slug.ends_with('-') {
        slug.pop();
    }
    slug
}

/// Whether `slug` is one [`slugify`] could give: what article addresses are made of.
pub fn is_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug.len() <= MAX_SLUG
        && slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && !slug.contains("--")
}

/// An article as lists show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleSummary {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub category: ResourceCategory,
    pub visibility: Visibility,
    /// `yyyy-mm-dd`; `None` while unpublished (only admins see those).
    pub published_on: Option<String>,
}

/// One article to read. `body_html` is Markdown rendered and sanitised on the server, safe
/// to insert as HTML.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleView {
    pub summary: ArticleSummary,
    pub body_html: String,
    /// The reader may edit it (admins).
    pub editable: bool,
}

/// An article as its edit form needs it: the Markdown as typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleDraft {
    pub summary: ArticleSummary,
    pub body: String,
}

/// `/resources?q=…&category=…&page=…` exactly as given.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResourceSearchParams {
    pub q: Option<String>,
    pub category: Option<String>,
    pub page: Option<String>,
}

/// A checked search: words to find (lower-cased by the service), a category, a page from 1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResourceQuery {
    pub text: Option<String>,
    pub category: Option<ResourceCategory>,
    pub page: usize,
}

impl ResourceSearchParams {
    /// Reads the parameters from a URL's query (`lookup` answers a name's value).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Self {
        Self { q: lookup("q"), category: lookup("category"), page: lookup("page") }
    }

    /// Checks the parameters; the error names the one at fault. Empty values mean "any".
    pub fn to_query(&self) -> Result<ResourceQuery, ParamError> {
        let text = given(&self.q);
        if let Some(text) = text {
            if text.chars().count() > MAX_QUERY {
                return Err(ParamError::new("q", format!("search with at most {MAX_QUERY} characters")));
            }
            if text.chars().any(char::is_control) {
                return Err(ParamError::new("q", "search with words, without control characters"));
            }
        }
        let category = choice(
            &self.category,
            "category",
            ResourceCategory::from_slug,
            "choose a category from the list",
        )?;
        let page =
            number_in(&self.page, "page", 1..=10_000, 1, |_| "a page is a whole number from 1".into())?;
        Ok(ResourceQuery { text: text.map(str::to_string), category, page })
    }

    /// The URL of another page of the same search.
    pub fn href_for_page(&self, page: usize) -> String {
        let mut parts = Vec::new();
        for (name, value) in [("q", &self.q), ("category", &self.category)] {
            if let Some(value) = value.as_deref().filter(|v| !v.is_empty()) {
                parts.push(format!("{name}={}", encode(value)));
            }
        }
        parts.push(format!("page={page}"));
        format!("/resources?{}", parts.join("&"))
    }
}

/// Percent-encodes a query value (RFC 3986 unreserved characters stay as they are).
fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// One page of the library.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResourceListPage {
    /// A bad parameter, explained; the list is then empty.
    pub problem: Option<ParamError>,
    /// Articles matching, across all pages (only those the reader may see).
    pub total: usize,
    pub page: usize,
    pub results: Vec<ArticleSummary>,
    /// The reader sees members-only articles (a paying member, or an admin).
    pub members_view: bool,
    pub is_admin: bool,
}

impl ResourceListPage {
    pub fn page_count(&self) -> usize {
        self.total.div_ceil(RESOURCES_PER_PAGE)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_suggest_slugs() {
        assert_eq!(slugify("Hiring your first tech!"), "hiring-your-first-tech");
        assert_eq!(slugify("  ASE: what -- it  means? "), "ase-what-it-means");
        assert_eq!(slugify("Café crème"), "caf-crme");
        assert_eq!(slugify("日本"), "");
        assert_eq!(slugify(&"a ".repeat(100)).len(), MAX_SLUG - 1);
        for title in ["Hiring your first tech!", "  ASE: what -- it  means? ", "x"] {
            assert!(is_slug(&slugify(title)), "{title}");
        }
    }

    #[test]
    fn only_clean_slugs_are_slugs() {
        for bad in ["", "-a", "a-", "a--b", "A", "a b", "a/b", "é", &"a".repeat(81)] {
            assert!(!is_slug(bad), "{bad}");
        }
        assert!(is_slug("working-with-schools-2027"));
    }

    #[test]
    fn search_parameters_are_checked_and_named() {
        let params = |q: &str, category: &str, page: &str| ResourceSearchParams {
            q: Some(q.into()),
            category: Some(category.into()),
            page: Some(page.into()),
        };
        let query = params("  Brake  ", "hiring", "2").to_query().unwrap();
        assert_eq!(query.text.as_deref(), Some("Brake"));
        assert_eq!(query.category, Some(ResourceCategory::Hiring));
        assert_eq!(query.page, 2);
        assert_eq!(
            params("", "", "").to_query().unwrap(),
            ResourceQuery { text: None, category: None, page: 1 }
        );
        assert_eq!(params("x", "astrology", "").to_query().unwrap_err().param, "category");
        assert_eq!(params("x", "", "0").to_query().unwrap_err().param, "page");
        assert_eq!(params("x", "", "two").to_query().unwrap_err().param, "page");
        assert_eq!(params(&"x".repeat(101), "", "").to_query().unwrap_err().param, "q");
    }

    #[test]
    fn page_links_keep_the_search() {
        let params = ResourceSearchParams { q: Some("50% & more".into()), category: None, page: None };
        assert_eq!(params.href_for_page(3), "/resources?q=50%25%20%26%20more&page=3");
    }
}
