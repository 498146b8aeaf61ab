//! The form that publishes an event, and the same form filled in for editing one. A plain
//! POST form: after a problem the handler redirects back with the message beside its field
//! and the values typed.
use domain::events::{EventKind, EventView, US_TIME_ZONES};
use leptos::prelude::*;

use crate::components::form_fields::{MarkdownDescription, SelectField, TextField};

/// Publishing (`event` is `None`) or editing an event.
#[component]
pub fn EventForm(event: Option<EventView>) -> impl IntoView {
    let editing = event.is_some();
    let action = match &event {
        Some(e) => format!("/events/{}/edit", e.id),
        None => "/events".to_string(),
    };
    let kinds: Vec<(&'static str, &'static str)> =
        EventKind::ALL.iter().map(|k| (k.slug(), k.label())).collect();
    let mut zones: Vec<(String, String)> =
        US_TIME_ZONES.iter().map(|(name, label)| (name.to_string(), label.to_string())).collect();
    // An event stored in a zone the list does not offer keeps it as a choice.
    if let Some(e) = &event
        && !zones.iter().any(|(name, _)| *name == e.time_zone)
    {
        zones.push((e.time_zone.clone(), e.time_zone.clone()));
    }
    let value = |f: fn(&EventView) -> Option<String>| event.as_ref().and_then(f);
    let recording = editing.then(|| {
        view! {
            <TextField
                name="recording_url"
                label="Recording link (optional)"
                maxlength=500
                input_type="url"
                hint="For past events: https only. Shown as “Watch the recording”."
                prefill=value(|e| e.recording_url.clone()).unwrap_or_default()
            />
        }
    });
    let (heading, button) =
        if editing { ("Edit this event", "Save changes") } else { ("Publish an event", "Publish event") };
    view! {
        <section aria-labelledby="event-form-heading">
            <h2 id="event-form-heading">{heading}</h2>
            <form class="account-form event-form" method="post" action=action>
                <SelectField name="kind" label="Kind of event" options=kinds required=true prefill=value(|e| Some(e.kind.slug().to_string())).unwrap_or_default() />
                <TextField name="title" label="Title" maxlength=120 required=true hint="3 to 120 characters, plain text." prefill=value(|e| Some(e.title.clone())).unwrap_or_default() />
                <MarkdownDescription prefill=value(|e| Some(e.description.clone())).unwrap_or_default() />
                <TextField name="starts_at" label="Starts" maxlength=19 input_type="datetime-local" required=true hint="Local time in the event's time zone." prefill=value(|e| Some(e.starts_local.clone())).unwrap_or_default() />
                <TextField name="ends_at" label="Ends" maxlength=19 input_type="datetime-local" required=true prefill=value(|e| Some(e.ends_local.clone())).unwrap_or_default() />
                <SelectField name="time_zone" label="Time zone" options=zones required=true prefill=value(|e| Some(e.time_zone.clone())).unwrap_or_default() />
                <TextField name="online_url" label="Online link" maxlength=500 input_type="url" hint="For webinars: the https link people join with." prefill=value(|e| e.online_url.clone()).unwrap_or_default() />
                <TextField name="address" label="Address" maxlength=300 hint="For in-person events: street, city and state." prefill=value(|e| e.address.clone()).unwrap_or_default() />
                <TextField name="capacity" label="Places (optional)" maxlength=6 input_type="number" hint="Leave empty for no limit. When it is full, people join a waiting list." prefill=value(|e| e.capacity.map(|c| c.to_string())).unwrap_or_default() />
                {recording}
                <button type="submit">{button}</button>
            </form>
        </section>
    }
}
