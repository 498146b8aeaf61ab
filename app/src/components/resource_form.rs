//! The admins' article form, for a new article and for editing one. A plain POST form:
//! after a refusal the page shows the messages beside their fields and keeps everything
//! typed, the article's text included (components/form_fields.rs).
use domain::resources::{ArticleDraft, ResourceCategory, Visibility};
use leptos::prelude::*;

use crate::components::form_fields::{
    SelectField, SubmissionKey, TextField, field_error, textarea_text, typed,
};

/// The article form: empty for a new article (posting to `/admin/resources`), or filled
/// with `draft` (posting to `/admin/resources/{id}`).
#[component]
pub fn ArticleForm(draft: Option<ArticleDraft>) -> impl IntoView {
    let categories: Vec<_> = ResourceCategory::ALL.iter().map(|c| (c.slug(), c.label())).collect();
    let visibilities: Vec<_> = Visibility::ALL.iter().map(|v| (v.slug(), v.label())).collect();
    let current = draft.as_ref().map(|d| d.summary.clone());
    let action = match &current {
        Some(article) => format!("/admin/resources/{}", article.id),
        None => "/admin/resources".to_string(),
    };
    let (typed_body, body_error) = (typed("body"), field_error("body"));
    let body = textarea_text(typed_body().or(draft.as_ref().map(|d| d.body.clone())).unwrap_or_default());
    let is_new = current.is_none();
    view! {
        <form class="account-form resource-form" method="post" action=action>
            {is_new.then(|| view! { <SubmissionKey /> })}
            <TextField name="title" label="Title" maxlength=120 required=true hint="3 to 120 characters, plain text."
                prefill=current.as_ref().map(|a| a.title.clone()).unwrap_or_default() />
            <TextField name="slug" label="Address (slug)" maxlength=80
                hint="The article's address: /resources/your-slug. Lower-case letters, digits and hyphens; left empty, it is made from the title."
                prefill=current.as_ref().map(|a| a.slug.clone()).unwrap_or_default() />
            <TextField name="summary" label="Summary" maxlength=300 required=true hint="One or two sentences shown in the list."
                prefill=current.as_ref().map(|a| a.summary.clone()).unwrap_or_default() />
            <SelectField name="category" label="Category" options=categories required=true prefill=current.as_ref().map(|a| a.category.slug()).unwrap_or_default() />
            <SelectField name="visibility" label="Who may read it" options=visibilities required=true prefill=current.as_ref().map(|a| a.visibility.slug()).unwrap_or_default() />
            <div class="field">
                <label for="body">"Article"</label>
                <textarea
                    id="body"
                    name="body"
                    rows="16"
                    maxlength="20000"
                    required=true
                    aria-invalid=move || body_error().map(|_| "true")
                    aria-describedby="body-hint body-error"
                >
                    {body}
                </textarea>
                <p id="body-hint" class="hint">"Markdown, up to 20,000 characters. Scripts and other HTML are removed."</p>
                <p id="body-error" class="field-error">{body_error}</p>
            </div>
            {is_new.then(|| view! {
                <label class="check">
                    <input type="checkbox" name="publish" value="on" checked=true />
                    "Publish now"
                </label>
            })}
            <button type="submit">{if is_new { "Save article" } else { "Save changes" }}</button>
        </form>
    }
}
