//! `/careers`, `/careers/{path}` and `/careers/{path}/{step}`: the career paths, one path's
//! ladder with pay near a ZIP code, and one step. Server-rendered and complete without
//! JavaScript; a ZIP is a GET parameter, so every view is a shareable URL.
use crate::components::{loaded::Loaded, refusal::Refusal};
use domain::careers::{CareerPathPage, CareerPathSummary};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::{
    api::careers::{career_path, career_paths},
    components::{
        career_near::{CareerActions, CareerZipForm, NearMe},
        career_pay::WageTables,
        career_step::{StepDetails, career_href},
        layout::Layout,
    },
    error::AppError,
};

/// `/careers`: every path with its steps.
#[component]
pub fn CareersPage() -> impl IntoView {
    let paths = Resource::new(|| (), |_| career_paths());
    view! {
        <Layout description="Career paths in automotive, diesel and collision repair: each step, what it takes, and what it pays near you from BLS OEWS wages.">
            <Title text="Career paths" />
            <h1>"Career paths in the automotive trades"</h1>
            <p class="lede">
                "Where each path leads, what each step pays where you live (from the U.S. Bureau of Labor "
                "Statistics), and the programs near you that start you on it."
            </p>
            <Loaded resource=paths let:paths>
                <PathList paths />
            </Loaded>
        </Layout>
    }
}

#[component]
fn PathList(paths: Vec<CareerPathSummary>) -> impl IntoView {
    view! {
        <ul class="career-paths">
            {paths.into_iter().map(|path| view! {
                <li class="career-path">
                    <h2><a href=format!("/careers/{}", path.slug)>{path.title.clone()}</a></h2>
                    <div inner_html=path.summary_html.clone()></div>
                    <p class="ladder-line">{path.steps.join(" → ")}</p>
                </li>
            }).collect_view()}
        </ul>
    }
}

/// The path's page data for the route's `path` and `?zip=`.
fn path_resource() -> Resource<Result<Option<CareerPathPage>, AppError>> {
    let params = use_params_map();
    let query = use_query_map();
    let key = move || (params.with(|p| p.get("path").unwrap_or_default()), query.with(|q| q.get("zip")));
    Resource::new(key, |(path, zip)| career_path(path, zip))
}

/// `/careers/{path}[?zip=…]`: the ladder.
#[component]
pub fn CareerPage() -> impl IntoView {
    let data = path_resource();
    let paths = Resource::new(|| (), |_| career_paths());
    view! {
        <Layout description="One technician career path step by step, with the BLS OEWS pay near your ZIP code and the programs that lead to it.">
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(Some(page)) => view! { <Ladder page /> }.into_any(),
                        Ok(None) => view! { <CareerNotFound paths=paths.await.unwrap_or_default() page=None /> }.into_any(),
                        Err(error) => view! { <Refusal error /> }.into_any(),
                    }
                })}
            </Suspense>
        </Layout>
    }
}

#[component]
fn Ladder(page: CareerPathPage) -> impl IntoView {
    let path = page.path.clone();
    let zip = page.place.as_ref().map(|p| p.zip.clone());
    let steps = path
        .steps
        .iter()
        .enumerate()
        .map(|(i, step)| {
            let href = career_href(&path.slug, Some(&step.slug), zip.as_deref());
            view! {
                <li class="step" id=step.slug.clone()>
                    <h3>
                        <span class="step-number">{format!("Step {}: ", i + 1)}</span>
                        <a href=href>{step.title.clone()}</a>
                    </h3>
                    <StepDetails step=step.clone() page=page.clone() />
                </li>
            }
        })
        .collect_view();
    view! {
        <Title text=path.title.clone() />
        <nav aria-label="Breadcrumb" class="breadcrumb"><a href="/careers">"Career paths"</a></nav>
        <h1>{path.title.clone()}</h1>
        <div class="lede" inner_html=path.summary_html.clone()></div>
        <CareerZipForm page=page.clone() />
        <CareerActions page=page.clone() />
        <section aria-labelledby="ladder-title">
            <h2 id="ladder-title">"The ladder"</h2>
            <p class="hint">
                "Each step's pay is an estimate: the part of the BLS wage distribution where that step usually sits. "
                "The full distributions are below the ladder."
            </p>
            <ol class="ladder">{steps}</ol>
        </section>
        <NearMe page=page.clone() />
        <section aria-labelledby="wages-title">
            <h2 id="wages-title">"What BLS reports"</h2>
            <WageTables page=page.clone() />
        </section>
    }
}

/// `/careers/{path}/{step}[?zip=…]`: one step.
#[component]
pub fn CareerStepPage() -> impl IntoView {
    let data = path_resource();
    let params = use_params_map();
    let paths = Resource::new(|| (), |_| career_paths());
    view! {
        <Layout description="One step of a technician career: what the work is, the ASE certifications it asks for, and what it pays near you.">
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {move || Suspend::new(async move {
                    let step_slug = params.with_untracked(|p| p.get("step").unwrap_or_default());
                    match data.await {
                        Ok(Some(page)) => match page.path.step(&step_slug).cloned() {
                            Some(step) => {
                                let back = career_href(&page.path.slug, None, page.zip.as_deref());
                                view! {
                                    <Title text=format!("{} · {}", step.title, page.path.title) />
                                    <nav aria-label="Breadcrumb" class="breadcrumb">
                                        <a href="/careers">"Career paths"</a>
                                        " › "
                                        <a href=back>{page.path.title.clone()}</a>
                                    </nav>
                                    <h1>{step.title.clone()}</h1>
                                    <CareerZipForm page=page.clone() />
                                    <StepDetails step page=page.clone() />
                                    <WageTables page=page.clone() />
                                }
                                .into_any()
                            }
                            None => view! { <CareerNotFound paths=paths.await.unwrap_or_default() page=Some(page) /> }.into_any(),
                        },
                        Ok(None) => view! { <CareerNotFound paths=paths.await.unwrap_or_default() page=None /> }.into_any(),
                        Err(error) => view! { <Refusal error /> }.into_any(),
                    }
                })}
            </Suspense>
        </Layout>
    }
}

/// An unknown path or step: a 404 that lists where the visitor can go instead — the path's
/// steps when the path exists, and every path.
#[component]
pub fn CareerNotFound(paths: Vec<CareerPathSummary>, page: Option<CareerPathPage>) -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::ssr::set_status(http::StatusCode::NOT_FOUND);
    let steps = page.map(|page| {
        let path = page.path;
        view! {
            <p>{format!("{} has these steps:", path.title)}</p>
            <ul>
                {path.steps.iter().map(|s| view! {
                    <li><a href=career_href(&path.slug, Some(&s.slug), page.zip.as_deref())>{s.title.clone()}</a></li>
                }).collect_view()}
            </ul>
        }
    });
    let what = if steps.is_some() {
        "There is no such step on this path."
    } else {
        "There is no career path at this address."
    };
    view! {
        <Title text="Career path not found" />
        <section class="not-found" aria-labelledby="not-found-title">
            <h1 id="not-found-title">"Career path not found"</h1>
            <p>{what} " The link may be mistyped, or the path may have been renamed."</p>
            {steps}
            <h2>"Career paths"</h2>
            <ul>
                {paths.into_iter().map(|p| view! {
                    <li><a href=format!("/careers/{}", p.slug)>{p.title}</a></li>
                }).collect_view()}
            </ul>
        </section>
    }
}
