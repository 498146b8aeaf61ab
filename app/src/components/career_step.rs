//! One step of a career path: the work, the time and training it takes, the ASE
//! certifications that matter and its pay. `work_html` is Markdown the server rendered and
//! cleaned with ammonia; everything else is text escaped by the view.
use domain::careers::{CareerPathPage, CareerStep};
use leptos::prelude::*;

use crate::{components::career_pay::StepPay, model::encode};

/// `/careers/{path}[/{step}]`, keeping the ZIP so links stay "near me".
pub fn career_href(path: &str, step: Option<&str>, zip: Option<&str>) -> String {
    let mut href = format!("/careers/{path}");
    if let Some(step) = step {
        href.push('/');
        href.push_str(step);
    }
    if let Some(zip) = zip.filter(|z| !z.is_empty()) {
        href.push_str(&format!("?zip={}", encode(zip)));
    }
    href
}

/// A step's details (the heading is the caller's).
#[component]
pub fn StepDetails(step: CareerStep, page: CareerPathPage) -> impl IntoView {
    let wage = step.wage.and_then(|(occupation, _)| page.wage_of(occupation).cloned());
    let exchange = step.role.and_then(|role| page.exchange_of(role).cloned());
    let training = step.training.iter().map(|t| t.label()).collect::<Vec<_>>().join("; ");
    let ase = if step.ase.is_empty() {
        view! { <dd>"None required"</dd> }.into_any()
    } else {
        view! {
            <dd>
                <ul class="ase">{step.ase.iter().map(|t| view! { <li>{t.label()}</li> }).collect_view()}</ul>
            </dd>
        }
        .into_any()
    };
    view! {
        <div class="work" inner_html=step.work_html.clone()></div>
        <dl class="step-facts">
            <dt>"Typical time to reach"</dt>
            <dd>{step.time_to_reach.clone()}</dd>
            <dt>"Training that leads here"</dt>
            <dd>
                {training}
                {(!step.training_note.is_empty()).then(|| format!(". {}", step.training_note))}
            </dd>
            <dt>"ASE certifications that matter"</dt>
            {ase}
        </dl>
        <StepPay step=step.clone() wage exchange />
    }
}

#[cfg(test)]
mod tests {
    use super::career_href;

    #[test]
    fn links_keep_the_zip() {
        assert_eq!(career_href("collision-repair", None, None), "/careers/collision-repair");
        assert_eq!(
            career_href("collision-repair", Some("painter"), Some("48201")),
            "/careers/collision-repair/painter?zip=48201"
        );
        assert_eq!(career_href("a", None, Some("4 2")), "/careers/a?zip=4%202");
        assert_eq!(career_href("a", None, Some("")), "/careers/a");
    }
}
