//! "Needs near you" on the account page: for each shop the person belongs to, the open
//! needs of verified school programs nearby. The page creates the resource.
use leptos::prelude::*;

use crate::{
    components::need_list::NeedList,
    error::AppError,
    needs_model::{NEAR_SHOP_MI, ShopNeedsView},
};

#[component]
pub fn NeedsNearYou(shops: Resource<Result<Vec<ShopNeedsView>, AppError>>) -> impl IntoView {
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match shops.await {
                    // Only shop members see this section.
                    Ok(list) if list.is_empty() => None,
                    Ok(list) => Some(view! {
                        <section aria-labelledby="needs-near-you" class="needs-near-you">
                            <h2 id="needs-near-you">"Needs near you"</h2>
                            {list.into_iter().map(|shop| {
                                let heading = format!("Within {NEAR_SHOP_MI} miles of {}", shop.shop_name);
                                let more = (shop.total > shop.needs.len()).then(|| {
                                    let all = format!("/needs?zip={}&radius={NEAR_SHOP_MI}", shop.zip);
                                    view! { <p><a href=all>{format!("See all {} open needs", shop.total)}</a></p> }
                                });
                                let body = if shop.needs.is_empty() {
                                    view! { <p>"No open needs right now."</p> }.into_any()
                                } else {
                                    view! { <NeedList needs=shop.needs show_org=true /> }.into_any()
                                };
                                view! {
                                    <section class="shop-needs" data-shop-id=shop.shop_id>
                                        <h3>{heading}</h3>
                                        {body}
                                        {more}
                                    </section>
                                }
                            }).collect_view()}
                            <p><a href="/needs">"Search all needs"</a></p>
                        </section>
                    }.into_any()),
                    Err(error) => Some(view! { <p role="alert" class="error">{error.to_string()}</p> }.into_any()),
                }
            })}
        </Suspense>
    }
}
