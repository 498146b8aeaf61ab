//! School claims in the browser: the admins' queue grouped by school, the requests a
//! school's owners answer, and a person's own claims on /account. Plain forms: all of it
//! works without JavaScript.
use crate::components::loaded::Loaded;
use domain::states::state_name;
use leptos::prelude::*;

use crate::{
    api::claims::{ClaimRow, MyClaim, SchoolClaimsView, claims_queue, join_requests, my_claims},
    components::admin_only::DecisionForms,
    error::AppError,
};

fn match_words(host_match: &str) -> &'static str {
    match host_match {
        "exact" => "exact: the address is at the school's own web host",
        "subdomain" => "subdomain: students and others get such addresses too",
        "shared" => "shared: several IPEDS institutions list this host",
        _ => "none: the address is not at the school's web host",
    }
}

/// `/admin`: pending claims, one block per school.
#[component]
pub fn ClaimsQueue() -> impl IntoView {
    let queue = Resource::new(|| (), |_| claims_queue());
    view! {
        <section aria-labelledby="claims">
            <h2 id="claims">"School claims"</h2>
            <Loaded resource=queue inline=true let:data>{match data { list if list.is_empty() => view! { <p>"No claim is waiting."</p> }.into_any(), list => view! {
                            <ul class="queue">{list.into_iter().map(|school| view! { <SchoolClaims school /> }).collect_view()}</ul>
                        }.into_any() }}</Loaded>
        </section>
    }
}

#[component]
fn SchoolClaims(school: SchoolClaimsView) -> impl IntoView {
    let place = format!("{}, {}", school.city, state_name(&school.state).unwrap_or(&school.state));
    let host = if school.web_host.is_empty() {
        "IPEDS lists no web site".to_string()
    } else {
        format!("IPEDS web host: {}", school.web_host)
    };
    let count = school.claims.len();
    view! {
        <li class="queue-item" data-unitid=school.unitid>
            <h3><a href=format!("/programs/{}", school.unitid)>{school.name.clone()}</a></h3>
            <p>{format!("{place} · UNITID {} · {host} · {count} claim{}", school.unitid, if count == 1 { "" } else { "s" })}</p>
            <ul class="claims">
                {school.claims.into_iter().map(|claim| view! { <AdminClaim claim school=school.name.clone() /> }).collect_view()}
            </ul>
        </li>
    }
}

#[component]
fn AdminClaim(claim: ClaimRow, school: String) -> impl IntoView {
    let id = claim.id;
    let reason_id = format!("claim-reason-{id}");
    view! {
        <li class="claim" data-claim-id=id>
            <p>
                <strong>{claim.name.clone()}</strong>
                {format!(" · e-mail at {} · account since {} · claimed {} · match: {}", claim.email_domain, claim.account_since, claim.claimed_on, match_words(&claim.host_match))}
            </p>
            <DecisionForms
                approve_action=format!("/admin/claims/{id}/verify")
                approve_label=format!("Verify {} for {school}", claim.name)
                refuse_action=format!("/admin/claims/{id}/refuse")
                refuse_label=format!("Refuse {}", claim.name)
                reason_label="Reason for refusing"
                reason_id
            />
        </li>
    }
}

/// `/orgs/{id}` for its owners: people who claimed the school and wait to be accepted.
#[component]
pub fn JoinRequests(id: i64) -> impl IntoView {
    let requests = Resource::new(move || id, |id| join_requests(id.to_string()));
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match requests.await {
                    Ok(list) if list.is_empty() => ().into_any(),
                    Ok(list) => view! { <RequestList list /> }.into_any(),
                    Err(error) => view! { <p role="alert" class="error">{error.to_string()}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn RequestList(list: Vec<ClaimRow>) -> impl IntoView {
    view! {
        <section aria-labelledby="requests">
            <h2 id="requests">"People asking to join"</h2>
            <p class="hint">"They claimed this school on Bayline. Accept only people you know teach here."</p>
            <ul class="requests">
                {list.into_iter().map(|claim| {
                    let id = claim.id;
                    view! {
                        <li data-claim-id=id>
                            <strong>{claim.name.clone()}</strong>
                            {format!(" · e-mail at {} · asked {} · address match: {}", claim.email_domain, claim.claimed_on, match_words(&claim.host_match))}
                            <form method="post" action=format!("/claims/{id}/accept") class="inline">
                                <button type="submit">{format!("Accept {}", claim.name)}</button>
                            </form>
                            <form method="post" action=format!("/claims/{id}/refuse") class="inline">
                                <button type="submit" class="secondary">{format!("Refuse {}", claim.name)}</button>
                            </form>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

/// `/account`: the person's claims that are still open, or were refused.
#[component]
pub fn MyClaims(claims: Resource<Result<Vec<MyClaim>, AppError>>) -> impl IntoView {
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match claims.await {
                    Ok(list) if list.is_empty() => ().into_any(),
                    Ok(list) => view! {
                        <section aria-labelledby="my-claims">
                            <h2 id="my-claims">"Your school claims"</h2>
                            <ul>{list.into_iter().map(|c| view! { <li><strong>{c.school}</strong>{format!(": {}", c.state)}</li> }).collect_view()}</ul>
                        </section>
                    }.into_any(),
                    Err(error) => view! { <p role="alert" class="error">{error.to_string()}</p> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Builds the account page's claims resource.
pub fn my_claims_resource() -> Resource<Result<Vec<MyClaim>, AppError>> {
    Resource::new(|| (), |_| my_claims())
}
