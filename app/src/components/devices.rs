//! The account page's second factor summary and list of signed-in devices: each device's
//! browser, address and last use, with a button that signs it out and one for all others.
use crate::components::loaded::Loaded;
use crate::components::when::When;
use leptos::prelude::*;

use crate::api::second_factor::{DeviceRow, FactorSummary, my_devices, second_factor_summary};

#[component]
pub fn SecondFactorSummaryPanel() -> impl IntoView {
    let summary = Resource::new(|| (), |_| second_factor_summary());
    view! {
        <section class="settings" aria-labelledby="second-factor-title">
            <h2 id="second-factor-title">"Second factor"</h2>
            <Loaded resource=summary inline=true let:data>{match data { FactorSummary { on: true, .. } => view! {
                            <p>"On: signing in asks for a code from your phone. " <a href="/account/second-factor">"Manage it"</a></p>
                        }
                        .into_any(), FactorSummary { on: false, required: true } => view! {
                            <p class="notice" role="status" data-testid="admin-needs-second-factor">
                                "You are an admin: your admin pages open once you "
                                <a href="/account/second-factor">"set up a second factor"</a>
                                "."
                            </p>
                        }
                        .into_any(), _ => view! {
                            <p>"Off. " <a href="/account/second-factor">"Set up a second factor"</a> " so a stolen password is not enough to sign in."</p>
                        }
                        .into_any() }}</Loaded>
        </section>
    }
}

#[component]
pub fn SignedInDevices() -> impl IntoView {
    let devices = Resource::new(|| (), |_| my_devices());
    view! {
        <section class="settings" aria-labelledby="devices-title">
            <h2 id="devices-title">"Signed-in devices"</h2>
            <Loaded resource=devices inline=true let:list><DeviceList list /></Loaded>
        </section>
    }
}

#[component]
fn DeviceList(list: Vec<DeviceRow>) -> impl IntoView {
    let others = list.iter().filter(|d| !d.this_device).count();
    view! {
        <ul class="devices" data-testid="devices">
            {list.into_iter().map(|d| view! { <Device device=d /> }).collect_view()}
        </ul>
        {(others > 0).then(|| view! {
            <form method="post" action="/account/sessions/end-others">
                <button type="submit" class="danger">"Sign out every other device"</button>
            </form>
        })}
    }
}

#[component]
fn Device(device: DeviceRow) -> impl IntoView {
    let DeviceRow { handle, device, address, last_seen, signed_in, this_device } = device;
    let label = if this_device { "Sign out here".to_string() } else { format!("Sign out {device}") };
    view! {
        <li class="device" data-this-device=this_device.then_some("true")>
            <strong>{device.clone()}</strong>
            {this_device.then_some(" (this device)")}
            <br />
            {format!("From {address} · last used ")} <When moment=last_seen />
            " · signed in " <When moment=signed_in />
            <form method="post" action="/account/sessions/end" class="inline">
                <input type="hidden" name="handle" value=handle />
                <button type="submit" class="secondary" aria-label=label>"Sign out"</button>
            </form>
        </li>
    }
}
