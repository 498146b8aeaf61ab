//! A moment on a page: the words in the reader's zone ("Tue 12 Jan 2027, 6:00 pm EST"),
//! and the instant itself for machines (`<time datetime>`).
use domain::time::Moment;
use leptos::prelude::*;

#[component]
pub fn When(moment: Moment) -> impl IntoView {
    view! { <time datetime=moment.iso>{moment.text}</time> }
}
