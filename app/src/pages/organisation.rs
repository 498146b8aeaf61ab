//! `/orgs/{id}`: an organisation's page — public once verified (a shop's or a program's
//! profile), and for its members the member list; owners also invite, remove and hand
//! over. `/invitations/accept?token=…`: accepting an emailed invitation.
use crate::components::loaded::Loaded;
use crate::components::refusal::Refusal;
use crate::components::table_scroll::TableScroll;
use domain::{
    needs::NeedView,
    openings::{OpeningView, ProgramApplicationView},
    orgs::{MemberRole, MemberView, OrgKind, OrgProfile, OrgStatus},
    partnerships::{PartnershipSummary, ShopChoice},
    school_year::YearOverview,
    states::state_name,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::{
    api::{
        needs::organisation_needs,
        openings::{organisation_openings, program_applications},
        orgs::{OrganisationView as PageData, invitation_preview, organisation_page},
        partnerships::{organisation_partnerships, proposal_shops},
        school_year::school_year_overview,
    },
    components::{
        claims::JoinRequests,
        form_fields::{Done, FormError, TextField, query},
        layout::Layout,
        need_form::NeedForm,
        need_list::{NeedList, NeedStatusButtons},
        opening_form::PostOpeningForm,
        opening_list::{OpeningList, OpeningStatusButton, ProgramApplications},
        partnership_list::{OrgPartnerships, ProposePartnership},
        school_year::SchoolYearSection,
        signed_in::SignedIn,
    },
    error::AppError,
    model::website_href,
    notice,
};

/// `/orgs/{id}`
#[component]
pub fn OrganisationPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let data = Resource::new(id, organisation_page);
    // Created here, beside the page's own resource, not inside its Suspend.
    let needs = Resource::new(id, organisation_needs);
    let partnerships = Resource::new(id, organisation_partnerships);
    let shops = Resource::new(|| (), |_| proposal_shops());
    let openings = Resource::new(id, organisation_openings);
    // Read only for a program's members (the service refuses everyone else).
    let applications = Resource::new(id, program_applications);
    let year = Resource::new(id, school_year_overview);
    view! {
        <Layout>
            <Loaded resource=data let:page><Organisation page needs partnerships shops openings applications year /></Loaded>
        </Layout>
    }
}

#[component]
fn Organisation(
    page: PageData,
    needs: Resource<Result<Vec<NeedView>, AppError>>,
    partnerships: Resource<Result<Vec<PartnershipSummary>, AppError>>,
    shops: Resource<Result<Vec<ShopChoice>, AppError>>,
    openings: Resource<Result<Vec<OpeningView>, AppError>>,
    applications: Resource<Result<Vec<ProgramApplicationView>, AppError>>,
    year: Resource<Result<YearOverview, AppError>>,
) -> impl IntoView {
    let PageData { profile, my_role, members, featured } = page;
    let OrgProfile { id, kind, name, status, status_reason, .. } = profile.clone();
    let banner = match status {
        OrgStatus::Verified => None,
        OrgStatus::Pending => Some(view! {
            <p class="notice" role="status">"Waiting for verification: only its members and Bayline's admins see this page."</p>
        }.into_any()),
        OrgStatus::Rejected => Some(view! {
            <p class="field-error" role="status">{format!("Not verified: {status_reason}")}</p>
        }.into_any()),
        OrgStatus::Suspended => Some(view! {
            <p class="field-error" role="status">
                "Suspended by Bayline's moderators: only its members and admins see this page, and it cannot post, offer or propose. Its owners were emailed the reason."
            </p>
        }.into_any()),
    };
    let is_owner = my_role == Some(MemberRole::Owner);
    let is_member = my_role.is_some();
    let is_school = matches!(kind, OrgKind::IpedsProgram | OrgKind::HighSchoolProgram);
    let can_post = is_member && is_school && status == OrgStatus::Verified;
    let is_shop = kind == OrgKind::Shop;
    let can_post_opening = is_member && is_shop && status == OrgStatus::Verified;
    // Shops propose to verified programs they are not part of.
    let can_propose = !is_member && is_school && status == OrgStatus::Verified;
    view! {
        <Title text=name.clone() />
        <article class="profile organisation" data-org-id=id>
            <Done shows=notice::ORGANISATION />
            <FormError />
            <h1>{name}</h1>
            <p class="org-kind">
                {kind.label()}
                {featured.then(|| view! { " · " <span class="badge member-badge">"Bayline member"</span> })}
            </p>
            {banner}
            <Details profile />
            {(status == OrgStatus::Verified).then(|| view! { <SchoolYearSection id is_school year /> })}
            {is_school.then(|| view! { <OrgNeeds needs is_member /> })}
            {can_post.then(|| view! { <NeedForm id /> })}
            {is_shop.then(|| view! { <OrgOpenings openings is_member /> })}
            {can_post_opening.then(|| view! { <PostOpeningForm id /> })}
            {(is_member && is_shop).then(|| view! { <PayData id status /> })}
            {(is_member && is_school).then(|| view! { <ProgramApplications list=applications /> })}
            {is_member.then(|| view! { <OrgPartnerships list=partnerships /> })}
            {is_member.then(|| view! {
                <section aria-labelledby="placements-link">
                    <h2 id="placements-link">"Placements"</h2>
                    <p><a href=format!("/orgs/{id}/placements")>"Every work-based-learning placement: hours, evaluations, CSV"</a></p>
                </section>
            })}
            {can_propose.then(|| view! { <ProposePartnership program_id=id shops /> })}
            {(!members.is_empty()).then(|| view! { <Members id members is_owner /> })}
            {(!is_member).then(|| view! {
                <p class="report-link"><a href=format!("/report?target=organisation&id={id}")>"Report this organisation"</a></p>
            })}
            {(is_owner && kind == OrgKind::IpedsProgram).then(|| view! { <JoinRequests id /> })}
            {is_owner.then(|| view! { <Invite id /> })}
        </article>
    }
}

/// The program's needs: open ones for everyone, all of them with status buttons for members.
#[component]
fn OrgNeeds(needs: Resource<Result<Vec<NeedView>, AppError>>, is_member: bool) -> impl IntoView {
    view! {
        <section aria-labelledby="needs">
            <h2 id="needs">"Needs"</h2>
            <Loaded resource=needs inline=true let:data>{match data { list if list.is_empty() => view! { <p>"No open needs."</p> }.into_any(), list if is_member => view! {
                            <ul class="need-list org-needs">
                                {list.into_iter().map(|need| view! {
                                    <li class="need" data-need-id=need.id>
                                        <a href=format!("/needs/{}", need.id)>{need.title.clone()}</a>
                                        {format!(" — {} ({})", need.kind.label(), need.status.label().to_lowercase())}
                                        {need.hidden.then_some(" — hidden by a moderator")}
                                        " "
                                        <NeedStatusButtons id=need.id current=need.status title=need.title.clone() />
                                    </li>
                                }).collect_view()}
                            </ul>
                        }.into_any(), list => view! { <NeedList needs=list show_org=false /> }.into_any() }}</Loaded>
        </section>
    }
}

/// The shop's openings: public ones for everyone, all of them with a close or reopen
/// button for its members.
#[component]
fn OrgOpenings(openings: Resource<Result<Vec<OpeningView>, AppError>>, is_member: bool) -> impl IntoView {
    view! {
        <section aria-labelledby="openings">
            <h2 id="openings">"Openings"</h2>
            <Loaded resource=openings inline=true let:data>{match data { list if list.is_empty() => view! { <p>"No open openings."</p> }.into_any(), list if is_member => view! {
                            <ul class="need-list org-openings">
                                {list.into_iter().map(|o| view! {
                                    <li class="need opening" data-opening-id=o.id>
                                        <a href=format!("/openings/{}", o.id)>{o.title.clone()}</a>
                                        {format!(" — {} ({})", o.kind.label(), o.status.label().to_lowercase())}
                                        " "
                                        <OpeningStatusButton id=o.id current=o.status title=o.title.clone() />
                                    </li>
                                }).collect_view()}
                            </ul>
                        }.into_any(), list => view! { <OpeningList openings=list /> }.into_any() }}</Loaded>
        </section>
    }
}

/// The Industry Data Exchange for the shop's members: the way to contribute once the shop
/// is verified, or why it cannot yet.
#[component]
fn PayData(id: i64, status: OrgStatus) -> impl IntoView {
    let body = match status {
        OrgStatus::Verified => view! {
            <p>
                "Tell Bayline what you pay, offer and charge; it publishes only figures from which no shop's own numbers can be read. "
                <a href=format!("/orgs/{id}/pay")>"Contribute pay data"</a>
            </p>
        }
        .into_any(),
        OrgStatus::Pending => {
            view! { <p class="hint">"Your shop can contribute pay data once Bayline's admins verify it."</p> }.into_any()
        }
        OrgStatus::Rejected | OrgStatus::Suspended => {
            view! { <p class="hint">"Only verified shops contribute pay data."</p> }.into_any()
        }
    };
    view! {
        <section aria-labelledby="pay-data">
            <h2 id="pay-data">"Pay data"</h2>
            {body}
        </section>
    }
}

#[component]
fn Details(profile: OrgProfile) -> impl IntoView {
    let place = format!(
        "{}{}, {} {}",
        if profile.street.is_empty() { String::new() } else { format!("{}, ", profile.street) },
        profile.city,
        state_name(&profile.state).unwrap_or(&profile.state),
        profile.zip
    );
    let site = website_href(&profile.website)
        .map(|href| view! { <p><a href=href rel="noopener nofollow">{profile.website.clone()}</a></p> });
    let shop = profile.shop_type.map(|t| {
        let size = profile.size_band.map(|s| s.label()).unwrap_or_default();
        view! { <p class="shop-type">{format!("{} · {size}", t.label())}</p> }
    });
    let kinds = (!profile.program_kinds.is_empty()).then(|| {
        let taught = profile.program_kinds.iter().map(|k| k.label()).collect::<Vec<_>>().join(", ");
        view! { <p class="teaches">{format!("Teaches: {taught}")}</p> }
    });
    let accreditation = profile
        .accreditation
        .filter(|a| *a != domain::orgs::Accreditation::None)
        .map(|a| view! { <p class="accreditation">{a.label()}</p> });
    let ipeds = profile.unitid.map(|unitid| {
        view! { <p><a href=format!("/programs/{unitid}")>"IPEDS profile and completions"</a></p> }
    });
    view! {
        <p class="where">{place}</p>
        {shop}
        {kinds}
        {accreditation}
        {site}
        {ipeds}
    }
}

#[component]
fn Members(id: i64, members: Vec<MemberView>, is_owner: bool) -> impl IntoView {
    let rows = members
        .into_iter()
        .map(|member| {
            let manage = (is_owner && member.role == MemberRole::Member).then(|| {
                view! {
                    <form method="post" action=format!("/orgs/{id}/transfer") class="inline">
                        <input type="hidden" name="user_id" value=member.user_id />
                        <button type="submit" class="secondary">{format!("Make {} the owner", member.name)}</button>
                    </form>
                    <form method="post" action=format!("/orgs/{id}/remove-member") class="inline">
                        <input type="hidden" name="user_id" value=member.user_id />
                        <button type="submit" class="danger">{format!("Remove {}", member.name)}</button>
                    </form>
                }
            });
            view! {
                <tr>
                    <td>{member.name.clone()} " " <span class="meta">{format!("at {}", member.email_domain)}</span></td>
                    <td>{member.role.label()}</td>
                    <td>{manage}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="members">
            <h2 id="members">"Members"</h2>
            <TableScroll label="Members"><table class="members">
                <thead><tr><th scope="col">"Name"</th><th scope="col">"Role"</th><th scope="col">"Actions"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table></TableScroll>
        </section>
    }
}

#[component]
fn Invite(id: i64) -> impl IntoView {
    view! {
        <section aria-labelledby="invite">
            <h2 id="invite">"Invite a colleague"</h2>
            <form class="account-form" method="post" action=format!("/orgs/{id}/invite")>
                <TextField name="email" label="Their email address" maxlength=254 required=true input_type="email" />
                <button type="submit">"Send invitation"</button>
            </form>
        </section>
    }
}

/// `/invitations/accept?token=…`: opening the link changes nothing; the button accepts.
/// Only a signed-in person sees the invitation (sign in first, then come back here).
#[component]
pub fn AcceptInvitationPage() -> impl IntoView {
    let token = query("token")().unwrap_or_default();
    let token = StoredValue::new(token);
    let preview = Resource::new(move || token.get_value(), invitation_preview);
    view! {
        <Layout>
            <Title text="Accept an invitation" />
            <h1>"Accept an invitation"</h1>
            <FormError />
            <SignedIn>
                <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                    {
                        move || {
                            let token = token.get_value();
                            Suspend::new(async move {
                                match preview.await {
                                    Ok(Some(name)) => view! {
                                        <p>{format!("You are invited to join {name}.")}</p>
                                        <form class="account-form" method="post" action="/invitations/accept">
                                            <input type="hidden" name="token" value=token />
                                            <button type="submit">{format!("Join {name}")}</button>
                                        </form>
                                    }
                                    .into_any(),
                                    Ok(None) => view! {
                                        <p>"This invitation is not valid any more: it may have been used or have expired. Ask for a new one."</p>
                                    }
                                    .into_any(),
                                    Err(error) => view! { <Refusal error /> }.into_any(),
                                }
                            })
                        }
                    }
                </Suspense>
            </SignedIn>
        </Layout>
    }
}
