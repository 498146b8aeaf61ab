//! `/admin/schools/import`: an admin uploads an operator's school list (CSV, Bayline's
//! columns or the NCES CCD directory's) and names it; `/admin/schools/import/{id}`: the
//! preview — the rows it refuses with `line: what is wrong`, or the schools it adds and
//! updates — then import or start again. Forms in server/src/forms/schools.rs; admins only.
use domain::schools::{ImportPreview, ListSummary};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::{
    api::schools::{school_import_preview, school_lists},
    components::{
        admin_only::admin_refusal,
        form_fields::{Done, FormError, TextField, field_error},
        layout::Layout,
        page_header::PageHeader,
    },
    notice,
};

/// `/admin/schools/import`
#[component]
pub fn SchoolImportPage() -> impl IntoView {
    let lists = Resource::new(|| (), |_| school_lists());
    view! {
        <Layout>
            <Title text="Import schools · Admin" />
            <PageHeader
                title="Import a school list"
                back=("/admin", "Admin")
                lede="Schools that teach automotive from a list you have (a state CTE office's, an association's). They show on the map and in the finder as “not yet on Bayline” until an instructor claims them."
            />
            <Done shows=notice::SCHOOL_IMPORT />
            <FormError />
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match lists.await {
                        Ok(lists) => view! { <UploadForm /><Lists lists /> }.into_any(),
                        Err(error) => admin_refusal(error),
                    }
                })}
            </Suspense>
        </Layout>
    }
}

#[component]
fn UploadForm() -> impl IntoView {
    let file_error = field_error("file");
    view! {
        <form class="account-form" method="post" action="/admin/schools/import" enctype="multipart/form-data">
            <TextField
                name="source"
                label="Name of the list"
                maxlength=120
                required=true
                hint="Shown on every school from it, e.g. “Michigan CTE directory 2026”."
            />
            <div class="field">
                <label for="file">"The list (CSV, up to 60 KB)"</label>
                <input id="file" name="file" type="file" accept=".csv,text/csv" required aria-describedby="file-hint file-error" />
                <p id="file-hint" class="hint">
                    "Columns: name, street, city, state, zip, kinds (auto;diesel;collision;heavy_truck), level (high_school, cte_center or postsecondary), and optionally web_host, nces_id, aef_accredited_until, lat, lon, email. The NCES CCD directory's columns work too. Longer lists: "
                    <code>"bayline import schools FILE.csv"</code> " on the server."
                </p>
                <p id="file-error" class="field-error">{file_error}</p>
            </div>
            <button type="submit">"Check the list"</button>
        </form>
    }
}

#[component]
fn Lists(lists: Vec<ListSummary>) -> impl IntoView {
    if lists.is_empty() {
        return view! { <p>"No list is imported yet."</p> }.into_any();
    }
    let rows = lists
        .into_iter()
        .map(|list| view! { <tr><td>{list.source}</td><td>{list.schools}</td><td>{list.claimed}</td></tr> })
        .collect_view();
    view! {
        <section aria-labelledby="lists-heading">
            <h2 id="lists-heading">"Imported lists"</h2>
            <div class="table-scroll">
                <table>
                    <thead><tr><th scope="col">"List"</th><th scope="col">"Schools"</th><th scope="col">"Claimed"</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
    .into_any()
}

/// `/admin/schools/import/{id}`
#[component]
pub fn SchoolImportPreviewPage() -> impl IntoView {
    let params = use_params_map();
    let preview =
        Resource::new(move || params.with(|p| p.get("id").unwrap_or_default()), school_import_preview);
    view! {
        <Layout>
            <Title text="Check the school list · Admin" />
            <PageHeader title="Check the school list" back=("/admin/schools/import", "Import a school list") />
            <FormError />
            <Suspense fallback=|| view! { <p>"Checking…"</p> }>
                {move || Suspend::new(async move {
                    match preview.await {
                        Ok(preview) => view! { <Preview preview /> }.into_any(),
                        Err(error) => admin_refusal(error),
                    }
                })}
            </Suspense>
        </Layout>
    }
}

fn names(title: String, names: Vec<String>) -> impl IntoView {
    (!names.is_empty()).then(|| {
        view! {
            <h2>{title}</h2>
            <ul class="plain-list">{names.into_iter().map(|name| view! { <li>{name}</li> }).collect_view()}</ul>
        }
    })
}

#[component]
fn Preview(preview: ImportPreview) -> impl IntoView {
    let ImportPreview { id, file_name, source, problems, added, updated, unchanged } = preview;
    let heading = view! { <p>{format!("{file_name}, to be shown as from “{source}”.")}</p> };
    let discard = view! {
        <form method="post" action=format!("/admin/schools/import/{id}/discard") class="inline">
            <button type="submit" class="secondary">"Start again"</button>
        </form>
    };
    if !problems.is_empty() {
        let count = problems.len();
        return view! {
            {heading}
            <div class="error-summary" role="alert">
                <h2>{format!("The list is refused: {count} {} to correct", if count == 1 { "problem" } else { "problems" })}</h2>
                <ul>{problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
            </div>
            <p>"Nothing has been imported. Correct the file and upload it again."</p>
            {discard}
        }
        .into_any();
    }
    let summary = format!("{} to add, {} to update, {unchanged} unchanged.", added.len(), updated.len());
    view! {
        {heading}
        <p class="summary">{summary}</p>
        {names("To add".into(), added)}
        {names("To update".into(), updated)}
        <form method="post" action=format!("/admin/schools/import/{id}/confirm") class="inline">
            <button type="submit">"Import these schools"</button>
        </form>
        {discard}
    }
    .into_any()
}
