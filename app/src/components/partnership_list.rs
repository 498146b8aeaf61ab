//! Partnerships on an organisation's page: the list its members see, by status, and the
//! form a verified shop's member proposes a partnership with on a program's page.
use domain::{
    needs::NeedKind,
    partnerships::{PartnershipStatus, PartnershipSummary, ShopChoice},
};
use leptos::prelude::*;

use crate::{
    components::form_fields::{ShopPicker, TextArea, field_error, was_ticked},
    error::AppError,
};

/// "Internship hosts, Shop tour"
pub fn kinds_label(kinds: &[NeedKind]) -> String {
    kinds.iter().map(|k| k.label()).collect::<Vec<_>>().join(", ")
}

/// The organisation's partnerships by status; nothing for non-members.
#[component]
pub fn OrgPartnerships(list: Resource<Result<Vec<PartnershipSummary>, AppError>>) -> impl IntoView {
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let list = list.await.ok()?;
                let groups = PartnershipStatus::ALL
                    .iter()
                    .filter_map(|status| {
                        let rows: Vec<_> = list.iter().filter(|p| p.status == *status).cloned().collect();
                        (!rows.is_empty()).then(|| view! {
                            <h3>{status.label()}</h3>
                            <ul class="partnership-list" data-status=status.slug()>
                                {rows.into_iter().map(|p| view! {
                                    <li data-partnership-id=p.id>
                                        <a href=format!("/partnerships/{}", p.id)>{p.partner_name.clone()}</a>
                                        {format!(" — {}", kinds_label(&p.kinds))}
                                    </li>
                                }).collect_view()}
                            </ul>
                        })
                    })
                    .collect_view();
                let empty = list.is_empty().then(|| view! { <p>"No partnerships yet."</p> });
                Some(view! {
                    <section aria-labelledby="partnerships">
                        <h2 id="partnerships">"Partnerships"</h2>
                        {empty}
                        {groups}
                    </section>
                })
            })}
        </Suspense>
    }
}

/// "Propose a partnership" with program `program_id`, for people with a verified shop.
#[component]
pub fn ProposePartnership(
    program_id: i64,
    shops: Resource<Result<Vec<ShopChoice>, AppError>>,
) -> impl IntoView {
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let shops = shops.await.ok().filter(|s| !s.is_empty())?;
                Some(view! {
                    <section aria-labelledby="propose">
                        <h2 id="propose">"Propose a partnership"</h2>
                        <form class="account-form propose-form" method="post" action=format!("/orgs/{program_id}/partnerships")>
                            <ShopPicker shops />
                            <Kinds />
                            <TextArea name="message" label="Message to the program" maxlength=4000 required=true hint="Plain text, up to 4,000 characters." />
                            <button type="submit">"Propose partnership"</button>
                        </form>
                    </section>
                })
            })}
        </Suspense>
    }
}

/// One checkbox per kind (`kind_<slug>`), kept ticked after a problem.
#[component]
fn Kinds() -> impl IntoView {
    let error = field_error("kinds");
    let boxes = NeedKind::ALL
        .iter()
        .map(|kind| {
            let name = format!("kind_{}", kind.slug());
            let ticked = was_ticked(&name).unwrap_or(false);
            view! {
                <label class="check">
                    <input type="checkbox" name=name value="on" checked=ticked />
                    {kind.label()}
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset class="field" aria-describedby="kinds-error">
            <legend>"Kinds of partnership"</legend>
            {boxes}
            <p id="kinds-error" class="field-error">{error}</p>
        </fieldset>
    }
}
