//! `/orgs/{id}/pay`: a shop's members contribute its pay, benefits and labor rates to the
//! Industry Data Exchange, read the receipt of what they sent, and see the shop's own
//! history. Everyone else is refused by the service layer (404 for strangers, as the
//! shop's unverified page is; sign-in first for the anonymous).
use crate::components::refusal::Refusal;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::{
    api::insights_contribute::contribute_page,
    components::{
        form_fields::{FormError, query, typed},
        insights_contribute_form::ContributeForm,
        insights_history::{CountsTowardNote, PayHistory, PrivacyRules, Receipt},
        layout::Layout,
    },
    error::AppError,
    insights_contribute_model::{ContributePageData, long_date},
    model::encode,
    pages::not_found::NotFound,
};

#[component]
pub fn ContributePage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let data = Resource::new(id, contribute_page);
    view! {
        <Layout>
            <Title text="Contribute pay data" />
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(page) => view! { <Contribute page /> }.into_any(),
                        Err(AppError::SignInRequired) => {
                            let login = format!("/login?next={}", encode(&format!("/orgs/{}/pay", id())));
                            #[cfg(feature = "ssr")]
                            crate::ssr::redirect_page(&login);
                            view! { <p>"Please " <a href=login>"sign in"</a> " first."</p> }.into_any()
                        }
                        // Not a member: the same answer as for a shop that does not exist, so
                        // the page does not confirm which shops contribute.
                        Err(AppError::Forbidden | AppError::NotFound) => view! { <NotFound /> }.into_any(),
                        Err(error) => view! { <Refusal error /> }.into_any(),
                    }
                })}
            </Suspense>
        </Layout>
    }
}

#[component]
fn Contribute(page: ContributePageData) -> impl IntoView {
    let rows = typed("rows")().and_then(|r| r.parse::<usize>().ok());
    let receipt = query("receipt")()
        .and_then(|r| r.parse::<i64>().ok())
        .and_then(|id| page.history.iter().find(|s| s.id == id).cloned())
        .map(|submission| view! { <Receipt submission /> });
    let latest = page.latest().cloned();
    let ContributePageData { shop_id, shop_name, blocked, quarter, published_from, counts_toward, history } =
        page;
    let counts_toward = counts_toward.map(|counts| view! { <CountsTowardNote counts /> });
    let prefilled = latest.is_some().then_some(" The form starts from your latest submission.");
    let form = match blocked {
        Some(reason) => view! {
            <p class="notice cannot-contribute" role="status">{reason}</p>
        }
        .into_any(),
        None => view! {
            <p>
                {format!(
                    "What you send now counts for {quarter}: figures first use it on {}, when the quarter is 3 months old.",
                    long_date(&published_from)
                )}
                {prefilled}
            </p>
            <FormError />
            <ContributeForm id=shop_id latest rows />
        }
        .into_any(),
    };
    view! {
        <article class="contribute">
            <h1>"Contribute pay data"</h1>
            <p class="org-kind">"For " <a href=format!("/orgs/{shop_id}")>{shop_name}</a></p>
            {receipt}
            {counts_toward}
            <PrivacyRules />
            <section aria-labelledby="contribute-form">
                <h2 id="contribute-form">"This quarter's pay, benefits and labor rates"</h2>
                {form}
            </section>
            <PayHistory history />
        </article>
    }
}
