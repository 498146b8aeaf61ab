//! The question form of `/insights`: role, place (Census division, state, ZIP area) and the
//! filters a contributing shop may use, a GET form so every question is a URL.
use domain::{
    divisions::Division,
    insights::{Certification, ExperienceBand, Role, ShopGroup},
    params::ParamError,
    states::STATES,
};
use leptos::prelude::*;

use crate::insights_model::{DEFAULT_LABOR, DEFAULT_ROLE, InsightsParams};

/// One `<select>` of a closed list, with "any" first.
fn select<T: Copy + PartialEq + 'static>(
    name: &'static str,
    any: &'static str,
    all: &'static [T],
    chosen: Option<String>,
    slug: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> impl IntoView {
    let options = all
        .iter()
        .map(|v| {
            let selected = chosen.as_deref() == Some(slug(*v));
            view! { <option value=slug(*v) selected=selected>{label(*v)}</option> }
        })
        .collect_view();
    view! {
        <select id=name name=name>
            {(!any.is_empty()).then(|| view! { <option value="">{any}</option> })}
            {options}
        </select>
    }
}

#[component]
pub fn FilterForm(params: InsightsParams, problem: Option<ParamError>) -> impl IntoView {
    let error_for = |param: &str| problem.as_ref().filter(|p| p.param == param).map(|p| p.message.clone());
    let role = params.role.clone().filter(|r| !r.is_empty()).or_else(|| Some(DEFAULT_ROLE.slug().into()));
    let state_now = params.state.clone().map(|s| s.trim().to_uppercase());
    let states = STATES
        .iter()
        .map(|(code, name)| {
            let selected = state_now.as_deref() == Some(*code);
            view! { <option value=*code selected=selected>{*name}</option> }
        })
        .collect_view();
    let field_error = |param: &'static str| {
        let id = format!("{param}-error");
        view! { <p id=id class="field-error" role="alert">{error_for(param)}</p> }
    };
    let labor = params.labor.clone().filter(|l| !l.is_empty()).unwrap_or_else(|| DEFAULT_LABOR.slug().into());
    view! {
        <form class="search-form insights-form" method="get" action="/insights" aria-label="Choose figures">
            <div class="field">
                <label for="role">"Role"</label>
                {select("role", "", Role::ALL, role, Role::slug, Role::label)}
                {field_error("role")}
            </div>
            <div class="field">
                <label for="division">"Census division"</label>
                {select("division", "All divisions", Division::ALL, params.division.clone(), Division::slug, Division::label)}
                <p id="division-help" class="help">"Nine groups of neighbouring states (U.S. Census Bureau); a state, if chosen, must lie in it."</p>
                {field_error("division")}
            </div>
            <div class="field">
                <label for="state">"State"</label>
                <select id="state" name="state">
                    <option value="">"All states"</option>
                    {states}
                </select>
                {field_error("state")}
            </div>
            <div class="field">
                <label for="zip">"Area of a ZIP code"</label>
                <input id="zip" name="zip" inputmode="numeric" autocomplete="postal-code" maxlength="5"
                    value=params.zip.clone().unwrap_or_default() aria-describedby="zip-help zip-error" />
                <p id="zip-help" class="help">"Its three-digit ZIP area (contributing shops only)."</p>
                {field_error("zip")}
            </div>
            <div class="field">
                <label for="group">"Shop type"</label>
                {select("group", "All shop types", ShopGroup::ALL, params.group.clone(), ShopGroup::slug, ShopGroup::label)}
                {field_error("group")}
            </div>
            <div class="field">
                <label for="experience">"Experience"</label>
                {select("experience", "Any experience", ExperienceBand::ALL, params.experience.clone(), ExperienceBand::slug, ExperienceBand::label)}
                {field_error("experience")}
            </div>
            <div class="field">
                <label for="certification">"ASE certification"</label>
                {select("certification", "Any certification", Certification::ALL, params.certification.clone(), Certification::slug, Certification::label)}
                {field_error("certification")}
            </div>
            <input type="hidden" name="labor" value=labor />
            <button type="submit">"Show figures"</button>
            {field_error("labor")}
        </form>
    }
}
