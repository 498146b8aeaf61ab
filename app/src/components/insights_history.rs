//! A shop's own pay-data submissions (newest first), the receipt shown after contributing,
//! what the shop's data joins, and the short statement of the privacy rules the contribute
//! page carries.
use crate::components::table_scroll::TableScroll;
use domain::{insights_progress::CountsToward, insights_view::Place};
use leptos::prelude::*;

use crate::insights_contribute_model::{SubmissionView, describe_labor, long_date};

/// The receipt of the submission just made (`receipt=` its id): the quarter it counts for
/// and when figures first use it. It never says whether any value looked unusual (an answer
/// that, repeated, would let a shop search out the bound).
#[component]
pub fn Receipt(submission: SubmissionView) -> impl IntoView {
    let first_used = long_date(&submission.published_from);
    let joins = submission.joins.map(|sentence| format!(" {sentence}."));
    view! {
        <div class="notice receipt" role="status">
            <p>
                <strong>{format!("Received: your pay data for {}.", submission.quarter)}</strong>
                {format!(
                    " An admin may review it before it is used. Figures use only data at least 3 months old, so it is first used on {first_used}. Your shop may send up to 3 versions a quarter, one a day; the latest counts."
                )}
                {joins}
            </p>
        </div>
    }
}

/// What the shop's data for this quarter joins, and how near each place is to having a
/// figure — in bands, counting the shop itself whatever it has sent, so that nothing the shop
/// does moves a band it sees (docs/privacy.md, "What a contributing shop is told").
#[component]
pub fn CountsTowardNote(counts: CountsToward) -> impl IntoView {
    let places = counts
        .places
        .iter()
        .map(|p| {
            let name = match &p.place {
                Place::National => "National".to_string(),
                other => other.name(),
            };
            view! { <li data-place=p.place.adjective()><strong>{name}</strong>{format!(": {}", p.progress.text())}</li> }
        })
        .collect_view();
    view! {
        <section class="counts-toward" aria-labelledby="counts-toward">
            <h2 id="counts-toward">"Where your data counts"</h2>
            <p>{format!("Your shop's data for {}: {}.", counts.quarter, counts.sentence())}</p>
            <p>"How near each place is to having figures of its own (a figure needs at least 5 shops):"</p>
            <ul>{places}</ul>
            <p class="hint">
                "Your shop is counted whether or not it has sent its data yet, and other shops' reports are counted from the day after they arrive, so these bands never show what one shop did. "
                "A figure also needs 5 technicians and no shop above a quarter of it, and is hidden when a wider one would single out fewer than 5 shops."
            </p>
        </section>
    }
}

/// The privacy rules in brief (docs/privacy.md states them in full).
#[component]
pub fn PrivacyRules() -> impl IntoView {
    view! {
        <section class="privacy-rules" aria-labelledby="privacy-rules">
            <h2 id="privacy-rules">"How your numbers are protected"</h2>
            <ul>
                <li>"A figure is published only if it rests on at least 5 shops and 5 technicians, and no single shop carries more than 25% of it. Minimum and maximum are never shown."</li>
                <li>"Each percentile blends many shops' values (no shop carries more than 40% of it), is rounded, and is moved by a fixed random amount (95% of figures by under 3%, none by more than 10%), so no printed number is your shop's own."</li>
                <li>"Figures are published nationally, for each of the nine Census divisions, for each state and for three-digit ZIP areas: a wider place gets its figure while the narrower ones are still too small."</li>
                <li>"Once a quarter's figures are published they never change: data accepted later counts toward the next quarter."</li>
                <li>"Figures use only quarters that ended at least 3 months ago, so they cannot help anyone coordinate wages or prices."</li>
                <li>"No two published figures differ by fewer than 5 shops, so nobody can subtract one from another to find your shop."</li>
                <li>"Your rows never leave Bayline: only your shop's members see them, here. An admin reviewing an unusual value sees it with your state and shop-type group, never your shop's name."</li>
                <li>"One submission per quarter counts; a new one replaces the old, which stays in your history."</li>
            </ul>
            <p class="hint">
                <a href="/insights/privacy">"The full rules and why they hold"</a>
                " — and "<a href="/insights">"the figures they protect"</a>"."
            </p>
        </section>
    }
}

/// The shop's submissions, newest first, with their values.
#[component]
pub fn PayHistory(history: Vec<SubmissionView>) -> impl IntoView {
    let body = if history.is_empty() {
        view! { <p>"Your shop has not contributed yet."</p> }.into_any()
    } else {
        let rows = history
            .into_iter()
            .map(|s| {
                let mut status = if s.superseded {
                    format!("{} · superseded by a later submission", s.status.label())
                } else {
                    s.status.label().to_string()
                };
                if let Some(toward) = &s.counts_toward {
                    status.push_str(&format!(
                        " · counts toward {toward} ({} was already published)",
                        s.quarter
                    ));
                }
                let lines = s.rows.iter().map(|r| view! { <li>{r.describe()}</li> }).collect_view();
                let joins = s.joins.clone().unwrap_or_else(|| "—".into());
                view! {
                    // Explicit roles: on a phone each submission becomes a card (CSS), which
                    // must stay a table to screen readers.
                    <tr role="row" data-submission-id=s.id class:superseded=s.superseded>
                        <th scope="row" role="rowheader">{s.quarter.clone()}</th>
                        <td role="cell" data-label="Submitted">{long_date(&s.submitted_on)}</td>
                        <td role="cell" class="status" data-label="Status">{status}</td>
                        <td role="cell" class="joins" data-label="Where it counts">{joins}</td>
                        <td role="cell" data-label="Pay rows"><ul class="pay-lines">{lines}</ul></td>
                        <td role="cell" data-label="Benefits">{s.benefits.describe()}</td>
                        <td role="cell" data-label="Labor rates">{describe_labor(&s.labor)}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <TableScroll label="Your pay-data submissions"><table class="pay-history cards-on-phone" role="table">
                <thead>
                    <tr>
                        <th scope="col">"Quarter"</th>
                        <th scope="col">"Submitted"</th>
                        <th scope="col">"Status"</th>
                        <th scope="col">"Where it counts"</th>
                        <th scope="col">"Pay rows"</th>
                        <th scope="col">"Benefits"</th>
                        <th scope="col">"Labor rates"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table></TableScroll>
        }
        .into_any()
    };
    view! {
        <section aria-labelledby="pay-history">
            <h2 id="pay-history">"Your shop's submissions"</h2>
            {body}
        </section>
    }
}
