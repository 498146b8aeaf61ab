//! Bayline's user interface: components and server functions compiled twice, for the
//! server (`ssr`) and for the browser client (`hydrate`). Pages are rendered on the server;
//! only `#[island]` components hydrate, so the WebAssembly carries just the interactive parts.
#![recursion_limit = "256"]

pub mod alerts_model;
pub mod api;
pub mod components;
pub mod error;
pub mod events_model;
pub mod finder_params;
pub mod insights_contribute_model;
pub mod insights_model;
pub mod membership_model;
pub mod model;
pub mod needs_model;
pub mod notice;
pub mod openings_model;
pub mod pages;
pub mod school_year_model;
#[cfg(feature = "ssr")]
pub mod site_assets;
#[cfg(feature = "ssr")]
pub mod ssr;

use leptos::prelude::*;
use leptos_meta::{MetaTags, Title, provide_meta_context};
use leptos_router::{
    SsrMode,
    components::{Route, Router, Routes},
    path,
};

use crate::pages::{
    account::{AccountPage, LoginPage, SignUpPage, VerifyEmailPage},
    account_settings::{ConfirmEmailChangePage, ForgotPasswordPage, ResetPasswordPage},
    admin::AdminPage,
    admin_resources::{AdminResourcesPage, EditResourcePage},
    admin_schools::{SchoolImportPage, SchoolImportPreviewPage},
    alerts::{AlertsPage, UnsubscribePage},
    application::ApplicationPage,
    career_print::CareerPrintPage,
    careers::{CareerPage, CareerStepPage, CareersPage},
    embed::EmbedProgramsPage,
    events::{EventPage, EventsPage},
    home::HomePage,
    insights::{InsightsPage, InsightsPrivacyPage},
    insights_contribute::ContributePage,
    insights_review::InsightsReviewPage,
    invoice::InvoicePage,
    membership::{CheckoutPage, MembershipPage},
    membership_admin::MembershipAdminPage,
    moderation::ModerationPage,
    needs::{NeedPage, NeedsPage},
    new_org::{NewHighSchoolPage, NewSchoolPage, NewShopPage},
    not_found::NotFoundPage,
    notifications::NotificationsPage,
    openings::{OpeningPage, OpeningsPage},
    org_placements::OrgPlacementsPage,
    organisation::{AcceptInvitationPage, OrganisationPage},
    partnership::PartnershipPage,
    placement::{GuardianConsentPage, PlacementPage},
    placement_evaluations::PlacementEvaluationsPage,
    placement_hours::PlacementHoursPage,
    placement_join::JoinPlacementPage,
    program::ProgramPage,
    programs::ProgramsPage,
    report::ReportPage,
    resources::{ResourcePage, ResourcesPage},
    school_listing::{SchoolLetterPage, SchoolListingPage},
    school_year::{AdminRecognitionPage, RecognitionPage, YearlyUpdatePage},
    second_factor::{SecondFactorPage, SignInCodePage},
};

/// The HTML document around every page, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    ssr::provide_request_nonce();
    let (stylesheet, map_module) = asset_links();
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <link rel="stylesheet" href=stylesheet />
                // Where the map island finds its (content-hashed) module when a page shows a map.
                <meta name="bayline-map-module" content=map_module />
                // Marks the page as having JavaScript before it paints, so the stylesheet can
                // offer the map only where it can be drawn (no quotes: the text is escaped).
                <script nonce=leptos::nonce::use_nonce()>"document.documentElement.dataset.js=1;try{var z=Intl.DateTimeFormat().resolvedOptions().timeZone;if(z)document.cookie='bayline_tz='+encodeURIComponent(z)+';path=/;max-age=31536000;SameSite=Lax'}catch(e){}"</script>
                <AutoReload options=options.clone() />
                <HydrationScripts options islands=true />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The stylesheet's and the map module's URL paths, as this server's build named them.
fn asset_links() -> (String, String) {
    #[cfg(feature = "ssr")]
    {
        let assets = use_context::<ssr::AppState>()
            .map(|state| state.assets.clone())
            .unwrap_or_else(site_assets::SiteAssets::unhashed);
        (assets.stylesheet, assets.map_module)
    }
    #[cfg(not(feature = "ssr"))]
    {
        (String::new(), String::new())
    }
}

/// The routed application.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Title formatter=|page: String| {
            if page.is_empty() { "Bayline".to_string() } else { format!("{page} · Bayline") }
        } />
        <Router>
            // Async SSR: pages arrive complete, so they work without JavaScript.
            <Routes fallback=NotFoundPage>
                <Route path=path!("/") view=HomePage ssr=SsrMode::Async />
                <Route path=path!("/programs") view=ProgramsPage ssr=SsrMode::Async />
                <Route path=path!("/programs/:unitid") view=ProgramPage ssr=SsrMode::Async />
                <Route path=path!("/embed/programs") view=EmbedProgramsPage ssr=SsrMode::Async />
                <Route path=path!("/careers") view=CareersPage ssr=SsrMode::Async />
                <Route path=path!("/careers/:path") view=CareerPage ssr=SsrMode::Async />
                // Before the step route: `print` is reserved, no step may take the name.
                <Route path=path!("/careers/:path/print") view=CareerPrintPage ssr=SsrMode::Async />
                <Route path=path!("/careers/:path/:step") view=CareerStepPage ssr=SsrMode::Async />
                <Route path=path!("/signup") view=SignUpPage ssr=SsrMode::Async />
                <Route path=path!("/login") view=LoginPage ssr=SsrMode::Async />
                <Route path=path!("/login/code") view=SignInCodePage ssr=SsrMode::Async />
                <Route path=path!("/verify-email") view=VerifyEmailPage ssr=SsrMode::Async />
                <Route path=path!("/account") view=AccountPage ssr=SsrMode::Async />
                <Route path=path!("/account/second-factor") view=SecondFactorPage ssr=SsrMode::Async />
                <Route path=path!("/account/alerts") view=AlertsPage ssr=SsrMode::Async />
                <Route path=path!("/alerts/unsubscribe") view=UnsubscribePage ssr=SsrMode::Async />
                <Route path=path!("/shops/new") view=NewShopPage ssr=SsrMode::Async />
                <Route path=path!("/schools/new") view=NewSchoolPage ssr=SsrMode::Async />
                <Route path=path!("/schools/high-school") view=NewHighSchoolPage ssr=SsrMode::Async />
                <Route path=path!("/schools/listings/:id") view=SchoolListingPage ssr=SsrMode::Async />
                <Route path=path!("/schools/listings/:id/letter") view=SchoolLetterPage ssr=SsrMode::Async />
                <Route path=path!("/orgs/:id") view=OrganisationPage ssr=SsrMode::Async />
                <Route path=path!("/orgs/:id/pay") view=ContributePage ssr=SsrMode::Async />
                <Route path=path!("/orgs/:id/year-update") view=YearlyUpdatePage ssr=SsrMode::Async />
                <Route path=path!("/orgs/:id/placements") view=OrgPlacementsPage ssr=SsrMode::Async />
                <Route path=path!("/recognition") view=RecognitionPage ssr=SsrMode::Async />
                <Route path=path!("/admin/recognition") view=AdminRecognitionPage ssr=SsrMode::Async />
                <Route path=path!("/needs") view=NeedsPage ssr=SsrMode::Async />
                <Route path=path!("/needs/:id") view=NeedPage ssr=SsrMode::Async />
                <Route path=path!("/insights") view=InsightsPage ssr=SsrMode::Async />
                <Route path=path!("/insights/privacy") view=InsightsPrivacyPage ssr=SsrMode::Async />
                <Route path=path!("/openings") view=OpeningsPage ssr=SsrMode::Async />
                <Route path=path!("/events") view=EventsPage ssr=SsrMode::Async />
                <Route path=path!("/events/:id") view=EventPage ssr=SsrMode::Async />
                <Route path=path!("/openings/:id") view=OpeningPage ssr=SsrMode::Async />
                <Route path=path!("/resources") view=ResourcesPage ssr=SsrMode::Async />
                <Route path=path!("/resources/:slug") view=ResourcePage ssr=SsrMode::Async />
                <Route path=path!("/partnerships/:id") view=PartnershipPage ssr=SsrMode::Async />
                <Route path=path!("/applications/:id") view=ApplicationPage ssr=SsrMode::Async />
                // Before `/placements/:id`, which would take "join" for an id.
                <Route path=path!("/placements/join") view=JoinPlacementPage ssr=SsrMode::Async />
                <Route path=path!("/placements/:id") view=PlacementPage ssr=SsrMode::Async />
                <Route path=path!("/placements/:id/hours") view=PlacementHoursPage ssr=SsrMode::Async />
                <Route path=path!("/placements/:id/evaluations") view=PlacementEvaluationsPage ssr=SsrMode::Async />
                <Route path=path!("/guardian-consent") view=GuardianConsentPage ssr=SsrMode::Async />
                <Route path=path!("/notifications") view=NotificationsPage ssr=SsrMode::Async />
                <Route path=path!("/invitations/accept") view=AcceptInvitationPage ssr=SsrMode::Async />
                <Route path=path!("/admin") view=AdminPage ssr=SsrMode::Async />
                <Route path=path!("/admin/reports") view=ModerationPage ssr=SsrMode::Async />
                <Route path=path!("/admin/insights") view=InsightsReviewPage ssr=SsrMode::Async />
                <Route path=path!("/admin/resources") view=AdminResourcesPage ssr=SsrMode::Async />
                <Route path=path!("/admin/schools/import") view=SchoolImportPage ssr=SsrMode::Async />
                <Route path=path!("/admin/schools/import/:id") view=SchoolImportPreviewPage ssr=SsrMode::Async />
                <Route path=path!("/admin/resources/:id") view=EditResourcePage ssr=SsrMode::Async />
                <Route path=path!("/admin/membership") view=MembershipAdminPage ssr=SsrMode::Async />
                <Route path=path!("/membership") view=MembershipPage ssr=SsrMode::Async />
                <Route path=path!("/membership/checkout") view=CheckoutPage ssr=SsrMode::Async />
                <Route path=path!("/invoices/:id") view=InvoicePage ssr=SsrMode::Async />
                <Route path=path!("/report") view=ReportPage ssr=SsrMode::Async />
                <Route path=path!("/forgot-password") view=ForgotPasswordPage ssr=SsrMode::Async />
                <Route path=path!("/reset-password") view=ResetPasswordPage ssr=SsrMode::Async />
                <Route path=path!("/confirm-email-change") view=ConfirmEmailChangePage ssr=SsrMode::Async />
            </Routes>
        </Router>
    }
    // Type-erased: the router's view type spans every route, and the page renderer moves the
    // app's view by value several times per request; erased, each move is a pointer's (an
    // eighth fewer instructions for the home page, callgrind).
    .into_any()
}
