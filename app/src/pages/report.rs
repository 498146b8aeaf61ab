//! `/report?target=…&id=…`: a small form to report a need, message or organisation the
//! signed-in viewer can see (a reason and an optional note). It posts to `/reports`, so it
//! works without JavaScript; signed-out visitors are sent to sign in and back.
use crate::components::refusal::Refusal;
use domain::moderation::ReportReason;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    api::moderation::{Reportable, report_subject},
    components::{
        form_fields::{FormError, SelectField, TextArea, query},
        layout::Layout,
    },
    error::AppError,
    model::encode,
    notice,
    pages::not_found::NotFound,
};

/// `/report`
#[component]
pub fn ReportPage() -> impl IntoView {
    let (target, id, done) = (query("target"), query("id"), query("done"));
    let subject = Resource::new(
        move || (target().unwrap_or_default(), id().unwrap_or_default()),
        |(target, id)| report_subject(target, id),
    );
    view! {
        <Layout>
            <Title text="Report" />
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match subject.await {
                        Ok(subject) if done().is_some_and(|key| notice::find(notice::REPORT, &key).is_some()) => view! { <Thanks subject /> }.into_any(),
                        Ok(subject) => view! { <ReportForm subject /> }.into_any(),
                        Err(AppError::SignInRequired) => {
                            let here = format!(
                                "/report?target={}&id={}",
                                encode(&target().unwrap_or_default()),
                                encode(&id().unwrap_or_default())
                            );
                            let login = format!("/login?next={}", encode(&here));
                            #[cfg(feature = "ssr")]
                            crate::ssr::redirect_page(&login);
                            view! { <p>"Please " <a href=login>"sign in"</a> " to report something."</p> }.into_any()
                        }
                        Err(AppError::NotFound | AppError::Forbidden) => view! { <NotFound /> }.into_any(),
                        Err(error) => view! { <Refusal error /> }.into_any(),
                    }
                })}
            </Suspense>
        </Layout>
    }
}

#[component]
fn ReportForm(subject: Reportable) -> impl IntoView {
    let what = subject.target.label().to_lowercase();
    let reasons: Vec<_> = ReportReason::ALL.iter().map(|r| (r.slug(), r.label())).collect();
    view! {
        <h1>{format!("Report this {what}")}</h1>
        <p class="lede">
            {format!("“{}”. ", subject.title)}
            "Bayline's admins read every report. Your name is not shown to the people you report."
        </p>
        <FormError />
        <form class="account-form report-form" method="post" action="/reports">
            <input type="hidden" name="target" value=subject.target.slug() />
            <input type="hidden" name="target_id" value=subject.id />
            <SelectField name="reason" label="Why are you reporting it?" options=reasons required=true />
            <TextArea
                name="note"
                label="Anything the admins should know (optional)"
                maxlength=1000
                hint="Plain text, up to 1,000 characters."
            />
            <button type="submit">"Send report"</button>
        </form>
        <p><a href=subject.back>{format!("Back to the {what}")}</a></p>
    }
}

#[component]
fn Thanks(subject: Reportable) -> impl IntoView {
    let what = subject.target.label().to_lowercase();
    view! {
        <h1>"Thank you"</h1>
        <p class="notice" role="status">
            {format!("Your report on this {what} is sent. Bayline's admins will look at it.")}
        </p>
        <p><a href=subject.back>{format!("Back to the {what}")}</a></p>
    }
}
