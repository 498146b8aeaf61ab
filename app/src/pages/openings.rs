//! `/openings`: open internships, apprenticeships and entry-level jobs of verified shops
//! near a ZIP code, nearest first (a GET form, so every state is a URL and it works
//! without JavaScript). `/openings/{id}`: one opening, where students express interest and
//! the shop's members read who did.
use crate::components::{loaded::Loaded, zip_finder_form::zip_finder_page};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::{
    api::openings::{opening_interests, opening_page, search_openings},
    components::{
        form_fields::{Done, FormError},
        layout::Layout,
        opening_form::InterestForm,
        opening_list::{Interests, OpeningDetails, OpeningList, OpeningStatusButton, SharedList},
        save_search::{SaveSearch, SaveStateResource, save_state},
    },
    error::AppError,
    model::encode,
    notice,
    openings_model::{OpeningPageData, OpeningSearchPage, OpeningSearchParams},
};

/// `/openings?zip=…&radius=…&kind=…&page=…`
#[component]
pub fn OpeningsPage() -> impl IntoView {
    let query = use_query_map();
    let params = Memo::new(move |_| query.with(|q| OpeningSearchParams::from_lookup(|name| q.get(name))));
    let page = Resource::new(move || params.get(), search_openings);
    let saver = save_state();
    view! {
        <Layout description="Internships, apprenticeships and jobs at verified repair shops near a ZIP code, for technician students and graduates.">
            <Title text="Openings near you" />
            <h1>"Openings near you"</h1>
            <p class="lede">"Internships, apprenticeships and entry-level jobs at shops Bayline has verified."</p>
            <Loaded resource=page waiting="Searching…" let:page><OpeningFinder page params=params.get_untracked() saver /></Loaded>
        </Layout>
    }
}

#[component]
fn OpeningFinder(
    page: OpeningSearchPage,
    params: OpeningSearchParams,
    saver: SaveStateResource,
) -> impl IntoView {
    zip_finder_page(page, params, move |page, links| {
        let start = page.first_number();
        let save = page.origin.is_some().then(|| view! { <SaveSearch saver /> });
        view! {
            <div id="opening-results">
                <OpeningList openings=page.results start />
            </div>
            {links}
            {save}
        }
        .into_any()
    })
}

/// `/openings/{id}`
#[component]
pub fn OpeningPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let data = Resource::new(id, opening_page);
    // Created here, beside the page's own resource, not inside its Suspend; read only by
    // the shop's members (the service refuses everyone else).
    let interests = Resource::new(id, opening_interests);
    view! {
        <Layout description="An internship, apprenticeship or job at a verified repair shop, and how to tell the shop you are interested.">
            <Loaded resource=data let:page><Opening page interests /></Loaded>
        </Layout>
    }
}

#[component]
fn Opening(
    page: OpeningPageData,
    interests: Resource<Result<Vec<domain::openings::InterestView>, AppError>>,
) -> impl IntoView {
    let OpeningPageData { opening, is_member, signed_in, my_interest, program_choices } = page;
    let (id, title, status) = (opening.id, opening.title.clone(), opening.status);
    let here = format!("/openings/{id}");
    let member_side = is_member.then(|| {
        view! {
            <p class="need-actions"><OpeningStatusButton id current=status title=title.clone() /></p>
            <Interests list=interests />
        }
    });
    let student_side = (!is_member).then(|| {
        if !signed_in {
            return view! {
                <p><a href=format!("/login?next={}", encode(&here))>"Sign in"</a> " to express interest."</p>
            }
            .into_any();
        }
        let current = my_interest.clone().map(|mine| {
            view! {
                <section aria-labelledby="your-interest" class="your-interest">
                    <h2 id="your-interest">"You expressed interest"</h2>
                    <p class=format!("application-status status-{}", mine.status.slug())>
                        "Status: " <strong>{mine.status.label()}</strong> " · "
                        <a href=format!("/applications/{}", mine.id)>"Conversation with the shop"</a>
                    </p>
                    <p>"The shop sees:"</p>
                    <SharedList shared=mine.shared />
                    <form method="post" action=format!("/openings/{id}/withdraw") class="inline">
                        <button type="submit">"Withdraw my interest"</button>
                    </form>
                </section>
            }
        });
        view! {
            {current}
            <InterestForm opening_id=id choices=program_choices.clone() renewing=my_interest.is_some() />
        }
        .into_any()
    });
    view! {
        <Title text=title.clone() />
        <article class="profile need opening" data-opening-id=id>
            <Done shows=notice::OPENING />
            <FormError />
            <h1>{title}</h1>
            <OpeningDetails opening />
            {member_side}
            {student_side}
            {(!is_member).then(|| view! {
                <p class="report-link">
                    <a href=format!("/report?target=opening&id={id}")>"Report this opening"</a>
                </p>
            })}
        </article>
    }
}
