//! Pages for signed-in people: anyone else is sent to sign in and brought back after.
use crate::components::refusal::Refusal;
use leptos::prelude::*;

use crate::{api::account::my_account, model::encode};

/// Renders `children` for a signed-in person; otherwise redirects to `/login?next=…` with
/// this very page, its query included (and, should the redirect not be followed, shows a link).
#[component]
pub fn SignedIn(children: ChildrenFn) -> impl IntoView {
    let next = crate::components::refusal::this_page();
    let account = Resource::new(|| (), |_| my_account());
    let children = StoredValue::new(children);
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || {
                let next = next.clone();
                Suspend::new(async move {
                    match account.await {
                        Ok(Some(_)) => children.with_value(|c| c()).into_any(),
                        Ok(None) => {
                            let login = format!("/login?next={}", encode(&next));
                            #[cfg(feature = "ssr")]
                            crate::ssr::redirect_page(&login);
                            view! { <p>"Please " <a href=login>"sign in"</a> " first."</p> }.into_any()
                        }
                        Err(error) => view! { <Refusal error /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}
