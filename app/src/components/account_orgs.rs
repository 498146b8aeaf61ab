//! The account page's organisations, saved programs and saved career paths.
use crate::components::loaded::Loaded;
use leptos::prelude::*;

use domain::{
    careers::CareerPathSummary,
    orgs::{OrgKind, OrgStatus},
    programs::ProgramSummary,
};

use crate::{api::orgs::MyOrganisation, error::AppError};

/// The signed-in person's organisations with their status, and links to add more. The
/// page creates the resource (resources are created where the page is, not inside another
/// resource's suspense).
#[component]
pub fn MyOrganisations(orgs: Resource<Result<Vec<MyOrganisation>, AppError>>) -> impl IntoView {
    view! {
        <section aria-labelledby="my-orgs">
            <h2 id="my-orgs">"Your organisations"</h2>
            <Loaded resource=orgs inline=true let:data>{match data { list if list.is_empty() => view! { <p>"You do not belong to an organisation yet."</p> }.into_any(), list => view! {
                            <ul class="my-orgs">
                                {list.into_iter().map(|org| view! {
                                    <li>
                                        <a href=format!("/orgs/{}", org.id)>{org.name.clone()}</a>
                                        {format!(" — {}, {} ({})", org.kind.label(), org.role.label().to_lowercase(), org.status.label().to_lowercase())}
                                        {(org.kind == OrgKind::Shop && org.status == OrgStatus::Verified).then(|| view! {
                                            " · "
                                            <a href=format!("/orgs/{}/pay", org.id)>
                                                "Contribute pay data"
                                                <span class="visually-hidden">{format!(" for {}", org.name)}</span>
                                            </a>
                                        })}
                                    </li>
                                }).collect_view()}
                            </ul>
                        }.into_any() }}</Loaded>
            <p><a href="/shops/new">"Add your shop"</a> " · " <a href="/schools/new">"Add your school's program"</a></p>
        </section>
    }
}

/// Programs the person saved, each with a button to forget it.
#[component]
pub fn SavedPrograms(saved: Resource<Result<Vec<ProgramSummary>, AppError>>) -> impl IntoView {
    view! {
        <section aria-labelledby="saved">
            <h2 id="saved">"Saved programs"</h2>
            <Loaded resource=saved inline=true let:data>{match data { list if list.is_empty() => view! {
                            <p>"None yet: use “Save this program” on a program's page."</p>
                        }.into_any(), list => view! {
                            <ul class="saved-programs">
                                {list.into_iter().map(|p| view! {
                                    <SavedItem
                                        href=format!("/programs/{}", p.unitid)
                                        label=p.name.clone()
                                        detail=format!("— {}, {}", p.city, p.state)
                                        action="/saved-programs/remove"
                                        field="unitid"
                                        value=p.unitid.to_string()
                                    />
                                }).collect_view()}
                            </ul>
                        }.into_any() }}</Loaded>
        </section>
    }
}

/// One saved thing on the account page: its link, and a button that forgets it and comes
/// back here.
#[component]
fn SavedItem(
    href: String,
    label: String,
    detail: String,
    action: &'static str,
    field: &'static str,
    value: String,
) -> impl IntoView {
    view! {
        <li>
            <a href=href>{label.clone()}</a>
            {format!(" {detail} ")}
            <form method="post" action=action class="inline">
                <input type="hidden" name=field value=value />
                <input type="hidden" name="back" value="/account" />
                <button type="submit">{format!("Remove {label}")}</button>
            </form>
        </li>
    }
}

/// Career paths the person saved, each with a button to forget it.
#[component]
pub fn SavedPaths(saved: Resource<Result<Vec<CareerPathSummary>, AppError>>) -> impl IntoView {
    view! {
        <section aria-labelledby="saved-paths">
            <h2 id="saved-paths">"Saved career paths"</h2>
            <Loaded resource=saved inline=true let:data>{match data { list if list.is_empty() => view! {
                            <p>"None yet: use “Save this path” on a " <a href="/careers">"career path"</a> "."</p>
                        }.into_any(), list => view! {
                            <ul class="saved-paths">
                                {list.into_iter().map(|p| view! {
                                    <SavedItem
                                        href=format!("/careers/{}", p.slug)
                                        label=p.title.clone()
                                        detail=String::new()
                                        action="/saved-paths/remove"
                                        field="path"
                                        value=p.slug.clone()
                                    />
                                }).collect_view()}
                            </ul>
                        }.into_any() }}</Loaded>
        </section>
    }
}

/// Where the person manages the searches they saved on the list pages.
#[component]
pub fn SavedSearchesLink() -> impl IntoView {
    view! {
        <section aria-labelledby="saved-searches">
            <h2 id="saved-searches">"Saved searches"</h2>
            <p>
                "Searches of needs, openings, programs and events you asked to hear about: "
                <a href="/account/alerts">"see, change or stop them"</a> "."
            </p>
        </section>
    }
}
