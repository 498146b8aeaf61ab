//! Form controls for pages whose forms post to plain handlers. After a refused submission
//! the handler sends the browser back to the form and the server hands the page the refusal
//! (every message and what was typed; server/src/form_refusals.rs), never through the URL:
//! these controls show the summary at the top, each message beside its field, and keep what
//! was typed.
use std::sync::Arc;

use crate::notice::{self, Notice};
use domain::refusal::FormRefusal;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// A query-string value of the current page, when present and not empty (the page's own
/// parameters: a search, a token, a confirmation key; never what a form typed).
pub fn query(name: &'static str) -> impl Fn() -> Option<String> + Copy {
    let map = use_query_map();
    move || map.with(|q| q.get(name)).filter(|v| !v.is_empty())
}

/// The refusal this page shows, when its form's last submission was refused. Only the server
/// renders these forms (they are not islands), and only the server has it.
pub fn refusal() -> Option<Arc<FormRefusal>> {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .and_then(|parts| parts.extensions.get::<domain::refusal::ShownRefusal>().map(|s| s.0.clone()))
    }
    #[cfg(not(feature = "ssr"))]
    {
        None
    }
}

/// What was typed into `name` before the refusal, when not empty.
pub fn typed(name: &'static str) -> impl Fn() -> Option<String> + Copy {
    let refusal = StoredValue::new(refusal());
    move || {
        refusal.with_value(|r| {
            r.as_ref().and_then(|r| r.typed(name)).filter(|v| !v.is_empty()).map(str::to_string)
        })
    }
}

/// Whether a box named `name` was ticked in the refused submission; `None` when nothing was
/// refused (the form then shows its stored or default state).
pub fn was_ticked(name: &str) -> Option<bool> {
    refusal().map(|r| r.sent(name))
}

/// The message for one field, when the last submission was refused on it, as a sentence.
pub fn field_error(field: &'static str) -> impl Fn() -> Option<String> + Copy {
    let refusal = StoredValue::new(refusal());
    move || refusal.with_value(|r| r.as_ref().and_then(|r| r.message_for(field)).map(sentence))
}

/// The message for a field whose name is made at run time (a numbered row's field).
pub fn message_for(field: &str) -> Option<String> {
    refusal().and_then(|r| r.message_for(field).map(sentence))
}

pub use domain::params::sentence;

/// A labelled text input. `prefill` is used when the query string carries no typed value.
#[component]
pub fn TextField(
    name: &'static str,
    label: &'static str,
    maxlength: usize,
    #[prop(optional)] required: bool,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] input_type: Option<&'static str>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional, into)] prefill: Option<String>,
) -> impl IntoView {
    let (typed, error) = (typed(name), field_error(name));
    let value = move || typed().or_else(|| prefill.clone());
    let error_id = format!("{name}-error");
    let hint_id = format!("{name}-hint");
    view! {
        <div class="field">
            <label for=name>{label}</label>
            <input
                id=name
                name=name
                type=input_type.unwrap_or("text")
                maxlength=maxlength
                required=required
                autocomplete=autocomplete
                value=value
                aria-invalid=move || error().map(|_| "true")
                aria-describedby=format!("{hint_id} {error_id}")
            />
            <p id=hint_id class="hint">{hint}</p>
            <p id=error_id class="field-error">{error}</p>
        </div>
    }
}

/// The `(value, label)` options of a select: static vocabularies, or values read at run time
/// (a stored time zone, say).
pub struct Choices(pub Vec<(String, String)>);

impl From<Vec<(&'static str, &'static str)>> for Choices {
    fn from(options: Vec<(&'static str, &'static str)>) -> Self {
        Self(options.into_iter().map(|(v, l)| (v.to_string(), l.to_string())).collect())
    }
}

impl From<Vec<(String, String)>> for Choices {
    fn from(options: Vec<(String, String)>) -> Self {
        Self(options)
    }
}

/// A labelled select. After a refusal it shows the value sent; otherwise `prefill` (the
/// stored value when editing), if any.
#[component]
pub fn SelectField(
    name: &'static str,
    label: &'static str,
    #[prop(into)] options: Choices,
    #[prop(optional)] required: bool,
    #[prop(optional, into)] prefill: Option<String>,
) -> impl IntoView {
    let (typed, error) = (typed(name), field_error(name));
    let chosen = move || typed().or_else(|| prefill.clone());
    let error_id = format!("{name}-error");
    let options = options
        .0
        .into_iter()
        .map(|(value, text)| {
            let (chosen, mine) = (chosen.clone(), value.clone());
            let selected = move || chosen().as_deref() == Some(mine.as_str());
            view! { <option value=value selected=selected>{text}</option> }
        })
        .collect_view();
    view! {
        <div class="field">
            <label for=name>{label}</label>
            <select
                id=name
                name=name
                required=required
                aria-invalid=move || error().map(|_| "true")
                aria-describedby=error_id.clone()
            >
                <option value="">"Choose…"</option>
                {options}
            </select>
            <p id=error_id class="field-error">{error}</p>
        </div>
    }
}

/// The summary at the top of a refused form (the GOV.UK pattern): "There is a problem", then
/// every message, each linking to its field. It takes the focus when the page opens, so a
/// screen reader reads it first and a keyboard user starts from it.
#[component]
pub fn FormError() -> impl IntoView {
    let refusal = refusal().filter(|r| !r.messages.is_empty())?;
    let items = refusal
        .messages
        .iter()
        .map(|m| {
            let text = match &m.field {
                Some(field) => format!("{}: {}", field_label(field), sentence(&m.message)),
                None => sentence(&m.message),
            };
            match &m.field {
                Some(field) => view! { <li><a href=format!("#{field}")>{text}</a></li> }.into_any(),
                None => view! { <li>{text}</li> }.into_any(),
            }
        })
        .collect_view();
    Some(view! {
        <div class="error-summary" role="alert" tabindex="-1" autofocus aria-labelledby="error-summary-title">
            <h2 id="error-summary-title">"There is a problem"</h2>
            <ul>{items}</ul>
        </div>
    })
}

/// A field's name as people read it in the summary ("street" → "Street",
/// "row2_rate" → "Pay row 2, rate").
pub fn field_label(field: &str) -> String {
    let known = match field {
        "zip" => Some("ZIP code"),
        "email" => Some("Email address"),
        "new_email" => Some("New email address"),
        "shop_type" => Some("Kind of shop"),
        "size_band" => Some("Technicians"),
        "kinds" => Some("Program kinds"),
        "starts_at" => Some("Starts"),
        "ends_at" => Some("Ends"),
        "recording_url" => Some("Recording link"),
        "program_id" => Some("Program"),
        "delete_password" => Some("Password"),
        "body" => Some("Message"),
        _ => None,
    };
    if let Some(label) = known {
        return label.to_string();
    }
    if let Some(rest) = field.strip_prefix("row")
        && let Some((n, part)) = rest.split_once('_')
        && n.chars().all(|c| c.is_ascii_digit())
    {
        return format!("Pay row {n}, {}", part.replace('_', " "));
    }
    sentence(&field.replace('_', " ")).trim_end_matches('.').to_string()
}

/// The confirmation after a successful submission (`done=key`): the words of the notice
/// among `shows` (the notices this page can land with) whose key it is.
#[component]
pub fn Done(shows: &'static [Notice]) -> impl IntoView {
    let done = query("done");
    move || {
        done()
            .and_then(|key| notice::find(shows, &key))
            .map(|notice| view! { <p class="notice" role="status">{notice.words()}</p> })
    }
}

/// Text for inside a `<textarea>`, escaped. Leptos writes a textarea's children to the page
/// unescaped (its content is raw text to the HTML parser), so stored text holding
/// `</textarea>` would close the field and run as markup — another admin's description
/// could redirect whoever opens the edit form. The browser decodes `&lt;` and `&amp;` back
/// inside the field, so what is shown and sent is exactly what was stored. Only the server
/// renders these forms (they are not islands), so only it escapes.
pub fn textarea_text(text: String) -> String {
    if cfg!(feature = "ssr") { text.replace('&', "&amp;").replace('<', "&lt;") } else { text }
}

/// A labelled textarea for plain text; keeps what was typed after a refused submission, and
/// otherwise shows `prefill` (the stored text when editing), if any.
#[component]
pub fn TextArea(
    name: &'static str,
    label: &'static str,
    maxlength: usize,
    #[prop(optional)] required: bool,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional, into)] prefill: Option<String>,
) -> impl IntoView {
    let (typed, error) = (typed(name), field_error(name));
    let text = move || typed().or_else(|| prefill.clone()).map(textarea_text);
    let error_id = format!("{name}-error");
    let hint_id = format!("{name}-hint");
    view! {
        <div class="field">
            <label for=name>{label}</label>
            <textarea
                id=name
                name=name
                rows="5"
                maxlength=maxlength
                required=required
                aria-invalid=move || error().map(|_| "true")
                aria-describedby=format!("{hint_id} {error_id}")
            >
                {text}
            </textarea>
            <p id=hint_id class="hint">{hint}</p>
            <p id=error_id class="field-error">{error}</p>
        </div>
    }
}

/// The Markdown description of a need, an opening or an event (rendered and sanitised on
/// the server). Keeps what was typed after a refusal; otherwise shows `prefill` (the stored
/// text when editing).
#[component]
pub fn MarkdownDescription(#[prop(optional, into)] prefill: Option<String>) -> impl IntoView {
    let (typed, error) = (typed("description"), field_error("description"));
    let text = move || typed().or_else(|| prefill.clone()).map(textarea_text);
    view! {
        <div class="field">
            <label for="description">"Description"</label>
            <textarea
                id="description"
                name="description"
                rows="6"
                maxlength="5000"
                aria-invalid=move || error().map(|_| "true")
                aria-describedby="description-hint description-error"
            >
                {text}
            </textarea>
            <p id="description-hint" class="hint">"Markdown, up to 5,000 characters."</p>
            <p id="description-error" class="field-error">{error}</p>
        </div>
    }
}

/// The shop a form acts for: a choice when the person belongs to several verified shops.
#[component]
pub fn ShopPicker(shops: Vec<domain::partnerships::ShopChoice>) -> impl IntoView {
    if let [only] = shops.as_slice() {
        return view! {
            <input type="hidden" name="shop_id" value=only.id />
            <p class="hint">{format!("As {}", only.name)}</p>
        }
        .into_any();
    }
    let options =
        shops.into_iter().map(|shop| view! { <option value=shop.id>{shop.name}</option> }).collect_view();
    view! {
        <div class="field">
            <label for="shop_id">"Your shop"</label>
            <select id="shop_id" name="shop_id" required=true>{options}</select>
        </div>
    }
    .into_any()
}

/// A form's submission key: a fresh random value with each rendering of the form, so the
/// handler can tell a second submission of the same form (a double click, a replayed POST)
/// from a new one and act once.
#[component]
pub fn SubmissionKey() -> impl IntoView {
    #[cfg(feature = "ssr")]
    let key = service::submissions::new_key();
    #[cfg(not(feature = "ssr"))]
    let key = String::new();
    view! { <input type="hidden" name="submission" value=key /> }
}
