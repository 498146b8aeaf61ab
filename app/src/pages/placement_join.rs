//! A placement made from an accepted offer, before its student joins: `/placements/join`
//! (the student's link: sign in, read the terms, "This is me") and the placement page's
//! waiting section (the shop re-sends the link to a corrected address). Forms post to
//! server/src/forms/placement_offers.rs.
use domain::placements::{ConsentTerms, JoinLink, PlacementSide};
use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    api::placements::placement_join_link,
    components::{
        form_fields::{FormError, TextField, query, sentence},
        layout::Layout,
        loaded::Loaded,
    },
};

/// Where the join form posts, and the page a signed-out holder comes back to after
/// signing in (the token waits in a cookie, never in the sign-in page's address).
pub const JOIN_PAGE: &str = "/placements/join";

fn hours(n: u32) -> String {
    if n == 1 { "1 hour a week".into() } else { format!("{n} hours a week") }
}

/// `/placements/join?token=…`
#[component]
pub fn JoinPlacementPage() -> impl IntoView {
    let token = query("token");
    let data = Resource::new(token, placement_join_link);
    view! {
        <Layout description="Join a work-based-learning placement a shop made for you with your school.">
            <Title text="Join a placement" />
            <article class="profile placement-join">
                <div class="page-header"><h1>"Join a placement"</h1></div>
                <FormError />
                <Loaded resource=data let:link><JoinBody link token=token().unwrap_or_default() /></Loaded>
            </article>
        </Layout>
    }
}

#[component]
fn JoinBody(link: JoinLink, token: String) -> impl IntoView {
    match link {
        JoinLink::Dead => view! {
            <p class="notice dead-link">"This link to join a placement is not valid: it was used already, replaced by a newer one, is more than 14 days old, or the placement was withdrawn. Ask the shop or your school for a new one."</p>
        }
        .into_any(),
        JoinLink::SignInFirst => {
            let login = format!("/login?next={}", crate::model::encode(JOIN_PAGE));
            view! {
                <p class="lede">"A shop made a work-based-learning placement for you with your school."</p>
                <p>"Sign in to read its terms and join it. This browser keeps the link for a day while you do."</p>
                <p><a class="button" href=login>"Sign in"</a></p>
                <p>
                    "New to Bayline? " <a href="/signup">"Create an account"</a>
                    ", confirm your e-mail address, then open the link in the e-mail again: it works until it is used, for 14 days."
                </p>
            }
            .into_any()
        }
        JoinLink::Open { terms, refused } => view! { <JoinTerms terms refused token /> }.into_any(),
    }
}

#[component]
fn JoinTerms(terms: ConsentTerms, refused: Option<String>, token: String) -> impl IntoView {
    let t = terms;
    let action = match refused {
        Some(why) => view! { <p class="notice">{sentence(&why)}</p> }.into_any(),
        None => view! {
            <form method="post" action=JOIN_PAGE class="account-form">
                // Empty after signing in: the handler reads the cookie instead.
                <input type="hidden" name="token" value=token />
                <p class="hint">"If you are the student this placement is for, say so: it becomes yours, and you say next whether you are under 18."</p>
                <button type="submit">"This is me"</button>
            </form>
        }
        .into_any(),
    };
    view! {
        <p class="lede">{format!("A work-based-learning placement at {}, arranged with {}.", t.shop_name, t.program_name)}</p>
        <section aria-labelledby="terms">
            <h2 id="terms">"The terms"</h2>
            <dl class="placement-terms">
                <dt>"Shop"</dt><dd>{t.shop_name.clone()}</dd>
                <dt>"School program"</dt><dd>{t.program_name.clone()}</dd>
                <dt>"Mentor at the shop"</dt><dd>{t.mentor.clone().unwrap_or_else(|| "Not named".into())}</dd>
                <dt>"Dates"</dt><dd>{format!("{} to {}", t.starts_on, t.ends_on)}</dd>
                <dt>"Planned"</dt><dd>{hours(t.weekly_hours)}</dd>
                <dt>"Pay"</dt><dd>{if t.paid { "Paid" } else { "Unpaid" }}</dd>
                <dt>"ASE task areas"</dt><dd>{t.task_areas.iter().map(|a| a.label()).collect::<Vec<_>>().join(", ")}</dd>
            </dl>
        </section>
        {action}
    }
}

/// The placement page's student section while nobody has joined: no student to show; the
/// shop may send the link again to a corrected address.
#[component]
pub fn WaitingForStudent(id: i64, side: PlacementSide) -> impl IntoView {
    let resend = (side == PlacementSide::Shop).then(|| {
        view! {
            <form method="post" action=format!("/placements/{id}/join/resend") class="account-form">
                <TextField name="email" label="Send the link again to this address" maxlength=254 input_type="email"
                    required=true autocomplete="off"
                    hint="If the student did not get the e-mail or the address was wrong. Earlier links stop working." />
                <button type="submit" class="secondary">"Send the link again"</button>
            </form>
        }
    });
    view! {
        <section aria-labelledby="student">
            <h2 id="student">"The student"</h2>
            <p class="notice waiting-for-student">"Waiting for the student to join: they were e-mailed a link to read the terms and join. Nothing about them shows here until they do."</p>
            {resend}
        </section>
    }
}
