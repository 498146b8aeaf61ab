use domain::{AwardLevel, ProgramKind, Sector, params::ParamError};
use leptos::prelude::*;

use crate::{
    components::{locate::UseMyLocation, zip_search::ZipInput},
    model::{DEFAULT_RADIUS_MI, RADIUS_CHOICES, SearchParams},
};

/// The finder's filters: a GET form, so every state is a shareable URL and it works
/// without JavaScript. `action` is where it submits (the finder or the widget).
#[component]
pub fn SearchForm(params: SearchParams, problem: Option<ParamError>, action: &'static str) -> impl IntoView {
    let value = |v: &Option<String>| v.clone().unwrap_or_default();
    let radius =
        params.radius.clone().filter(|r| !r.is_empty()).unwrap_or_else(|| DEFAULT_RADIUS_MI.to_string());
    let error_for = {
        let problem = problem.clone();
        move |field: &str| problem.as_ref().filter(|p| p.param == field).map(|p| p.message.clone())
    };
    let zip_error = error_for("zip").or_else(|| error_for("lat")).or_else(|| error_for("lon"));
    let other_error =
        problem.filter(|p| !["zip", "lat", "lon"].contains(&p.param.as_str())).map(|p| p.to_string());
    let option = |current: &Option<String>, slug: &'static str, label: &'static str| {
        let selected = current.as_deref() == Some(slug);
        view! { <option value=slug selected=selected>{label}</option> }
    };
    let kinds = ProgramKind::ALL.map(|k| option(&params.kind, k.slug(), k.label())).collect_view();
    let awards = AwardLevel::ALL.map(|a| option(&params.award, a.slug(), a.label())).collect_view();
    let sectors = Sector::ALL.map(|s| option(&params.sector, s.slug(), s.label())).collect_view();
    let radii = RADIUS_CHOICES
        .map(|r| {
            let r = r.to_string();
            let selected = r == radius;
            view! { <option value=r.clone() selected=selected>{format!("{r} miles")}</option> }
        })
        .collect_view();
    let has_point = params.zip.as_deref().is_none_or(str::is_empty) && params.lat.is_some();
    view! {
        <form class="search-form" method="get" action=action role="search" aria-label="Program search">
            <div class="field">
                <label for="zip">"ZIP code"</label>
                <ZipInput
                    value=value(&params.zip)
                    required=!has_point
                    described_by="zip-error"
                    invalid=zip_error.is_some()
                />
                <p id="zip-error" class="field-error" role="alert">{zip_error}</p>
            </div>
            {has_point.then(|| view! {
                <input type="hidden" name="lat" value=value(&params.lat) />
                <input type="hidden" name="lon" value=value(&params.lon) />
            })}
            <div class="field">
                <label for="radius">"Within"</label>
                <select id="radius" name="radius">{radii}</select>
            </div>
            <div class="field">
                <label for="kind">"Program"</label>
                <select id="kind" name="kind">
                    <option value="">"Any program"</option>
                    {kinds}
                </select>
            </div>
            <div class="field">
                <label for="award">"Award"</label>
                <select id="award" name="award">
                    <option value="">"Any award"</option>
                    {awards}
                </select>
            </div>
            <div class="field">
                <label for="sector">"School type"</label>
                <select id="sector" name="sector">
                    <option value="">"Any school"</option>
                    {sectors}
                </select>
            </div>
            <label class="check">
                <input
                    type="checkbox"
                    name="include_zero"
                    value="true"
                    checked=params.include_zero.as_deref() == Some("true")
                />
                "Include programs that awarded nothing in 2023-24"
            </label>
            <button type="submit">"Search"</button>
            <UseMyLocation />
            <p class="field-error" role="alert">{other_error}</p>
        </form>
    }
}
