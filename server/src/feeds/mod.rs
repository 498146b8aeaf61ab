//! Public Atom feeds of the ZIP finders, `/needs.atom?zip=…&radius=…&kind=…` and
//! `/openings.atom?…`, so a search can be followed in a feed reader. A feed is the newest of
//! exactly the results its page lists: the page's parameter parser and ZIP lookup
//! (`app::api::finder::ask`) and the page's service query (`near`), then the newest first.
mod atom;
mod error;

use std::collections::HashMap;

use app::{
    api::finder::{Asked, Located, ask},
    components::{need_list::need_terms, opening_list},
    finder_params::{Finder, FinderParams},
    needs_model::NeedFinder,
    openings_model::OpeningFinder,
    ssr::AppState,
};
use axum::{
    extract::{RawQuery, State},
    http::header,
    response::{IntoResponse, Response},
    routing::{MethodRouter, get},
};
use chrono::Utc;
use domain::params::ParamError;
use service::needs::read::{Times, Window};

pub use atom::{CONTENT_TYPE, Entry, Feed, NAMESPACE, escape};
pub use error::FeedError;

/// Entries in a feed at most: a reader polls, so the newest fifty are plenty, and the page
/// is where to browse the rest.
pub const MAX_ENTRIES: usize = 50;

/// The feeds' routes (GET, public).
pub fn routes() -> Vec<(&'static str, MethodRouter<AppState>)> {
    vec![("/needs.atom", get(needs)), ("/openings.atom", get(openings))]
}

/// `GET /needs.atom`: the newest open needs the `/needs` page finds for the same filters.
pub async fn needs(State(state): State<AppState>, RawQuery(query): RawQuery) -> Result<Response, FeedError> {
    use service::needs::read;

    let (params, search) = search::<NeedFinder>(&state, query.as_deref()).await?;
    let radius = f64::from(search.query.radius_mi);
    let found = read::near(&state.db, search.location, radius, search.query.kind, Window::ALL).await?.needs;
    let times = read::times(&state.db, &found.iter().map(|n| n.id).collect::<Vec<_>>()).await?;
    let site = &state.site_url;
    let entries = newest(found, &times, |need| need.id)
        .into_iter()
        .map(|(need, times)| {
            let place = format!("{}, {}, {}", need.organisation_name, need.city, need.state);
            let what = format!("{} · {}", need.kind.label(), need_terms(&need));
            Entry {
                id: format!("{site}/needs/{}", need.id),
                href: format!("{site}/needs/{}", need.id),
                summary: summary(&place, need.distance_mi, &search.origin, &what),
                title: need.title,
                author: need.organisation_name,
                published: times.created,
                updated: times.updated,
            }
        })
        .collect();
    Ok(answer(feed(&state, &params, &search, entries)))
}

/// `GET /openings.atom`: the newest openings the `/openings` page finds for the same filters.
pub async fn openings(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
) -> Result<Response, FeedError> {
    use service::openings::read;

    let (params, search) = search::<OpeningFinder>(&state, query.as_deref()).await?;
    let radius = f64::from(search.query.radius_mi);
    let found = read::near(&state.db, search.location, radius, search.query.kind).await?;
    let times = read::times(&state.db, &found.iter().map(|o| o.id).collect::<Vec<_>>()).await?;
    let site = &state.site_url;
    let entries = newest(found, &times, |opening| opening.id)
        .into_iter()
        .map(|(opening, times)| {
            let place = format!("{}, {}", opening.shop_name, opening_list::place(&opening));
            let what = opening_list::opening_terms(&opening);
            Entry {
                id: format!("{site}/openings/{}", opening.id),
                href: format!("{site}/openings/{}", opening.id),
                summary: summary(&place, opening.distance_mi, &search.origin, &what),
                title: opening.title,
                author: opening.shop_name,
                published: times.created,
                updated: times.updated,
            }
        })
        .collect();
    Ok(answer(feed(&state, &params, &search, entries)))
}

/// The search a feed's query string asks for, read as its page reads it. The page number is
/// left out: it belongs to the page (a feed is the newest results, not a page of the
/// nearest), and a feed reader may well have kept it from the address it was given.
async fn search<F: Finder>(
    state: &AppState,
    query: Option<&str>,
) -> Result<(FinderParams<F>, Located<F::Kind>), FeedError> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query.unwrap_or_default())
        .map_err(|_| FeedError::Param(ParamError::new("query", "is not a URL query string")))?;
    let first = |name: &str| pairs.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone());
    let params = FinderParams::<F>::from_lookup(|name| if name == "page" { None } else { first(name) });
    match ask(state, &params).await {
        Ok(Asked::Search(search)) => Ok((params, search)),
        Ok(Asked::Nothing) => Err(FeedError::NoZip),
        Ok(Asked::Problem(problem)) => Err(FeedError::Param(problem)),
        Err(error) => Err(error.into()),
    }
}

/// The newest `MAX_ENTRIES` of `found` with their times: posted last first, ties by the
/// higher id (posted later). One whose times are gone (deleted since `near`) is left out.
fn newest<T>(found: Vec<T>, times: &HashMap<i64, Times>, id: impl Fn(&T) -> i64) -> Vec<(T, Times)> {
    let mut timed: Vec<(T, Times)> =
        found.into_iter().filter_map(|item| times.get(&id(&item)).map(|t| (item, *t))).collect();
    timed.sort_by(|(a, ta), (b, tb)| tb.created.cmp(&ta.created).then_with(|| id(b).cmp(&id(a))));
    timed.truncate(MAX_ENTRIES);
    timed
}

/// "SYNTHETIC Garage, Detroit, MI 48226 · 1.2 mi from ZIP 48201 (Detroit, MI) · Internship ·
/// …": who, where, how far and what, as the page's list says them.
fn summary(place: &str, distance_mi: Option<f64>, origin: &str, what: &str) -> String {
    let distance = distance_mi.map(|d| format!(" · {d:.1} mi from {origin}")).unwrap_or_default();
    format!("{place}{distance} · {what}")
}

/// The feed of a search. Its id and self link spell every filter out, so a search asked
/// two ways (with or without the default radius) is one feed.
fn feed<F: Finder>(
    state: &AppState,
    params: &FinderParams<F>,
    search: &Located<F::Kind>,
    entries: Vec<Entry>,
) -> Feed {
    let site = &state.site_url;
    let full = params.spelled_out(&search.query);
    let self_href = format!("{site}{}", full.feed_href());
    // An empty feed has no entry to date it: it is as new as this answer.
    let updated = entries.iter().map(|e| e.updated).max().unwrap_or_else(Utc::now);
    Feed {
        id: self_href.clone(),
        title: format!("{} · Bayline", params.feed_title(search.query.radius_mi, &search.origin)),
        updated,
        self_href,
        page_href: format!("{site}{}", full.href_for_page(1)),
        author: ("Bayline".into(), format!("{site}/")),
        entries,
    }
}

/// The document, public like the pages: a cache may keep it but must ask first.
fn answer(feed: Feed) -> Response {
    (
        [(header::CONTENT_TYPE, CONTENT_TYPE), (header::CACHE_CONTROL, crate::security::PUBLIC_PAGE_CACHE)],
        feed.to_xml(),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, Duration};

    use super::*;

    #[test]
    fn newest_first_ties_by_the_later_id_at_most_fifty() {
        let t0 = "2027-03-01T12:00:00Z".parse::<DateTime<Utc>>().unwrap();
        let at = |minutes: i64| Times { created: t0 + Duration::minutes(minutes), updated: t0 };
        // Ids 1..=60; id 7 posted last; ids 20 and 21 posted at the same moment.
        let mut times: HashMap<i64, Times> = (1..=60).map(|id| (id, at(id))).collect();
        times.insert(7, at(100));
        times.insert(20, at(30));
        times.insert(21, at(30));
        times.remove(&59); // deleted since the search
        let found: Vec<i64> = (1..=60).rev().collect();
        let ids: Vec<i64> = newest(found, &times, |id| *id).into_iter().map(|(id, _)| id).collect();
        assert_eq!(ids.len(), MAX_ENTRIES);
        assert_eq!(&ids[..4], &[7, 60, 58, 57]);
        let (at21, at20) = (ids.iter().position(|id| *id == 21), ids.iter().position(|id| *id == 20));
        assert!(at21.unwrap() < at20.unwrap(), "{ids:?}");
    }

    #[test]
    fn a_summary_says_who_where_how_far_and_what() {
        assert_eq!(
            summary("SYNTHETIC Garage, Detroit, MI", Some(1.234), "ZIP 48201 (Detroit, MI)", "Internship"),
            "SYNTHETIC Garage, Detroit, MI · 1.2 mi from ZIP 48201 (Detroit, MI) · Internship"
        );
        assert_eq!(summary("A, B", None, "ZIP 48201", "C"), "A, B · C");
    }
}
