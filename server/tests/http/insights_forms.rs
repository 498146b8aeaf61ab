//! The Industry Data Exchange's forms over HTTP on both databases: a shop contributes with
//! numbered pay rows (blank ones skipped), a refusal comes back beside the right row with
//! what was typed, a resubmission supersedes the first, and an outlier is held, shown to an
//! admin without the shop's name, and accepted. Shops and people are SYNTHETIC; ZIP
//! centroids are real GeoNames rows.

use crate::support::http::{form, get, location, refused_page, router, send};
use axum::{Router, http::StatusCode};
use chrono::Utc;
use entity::{pay_row, pay_submission};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, Set,
};
use service::{
    accounts::sessions,
    authz::Actor,
    db_test,
    insights::{published_from, quarter_of},
    orgs::{
        create::{ShopForm, create_shop},
        verification::verify,
    },
    synthetic::pay::{Size, generate},
    testing::{add_real_zips, add_synthetic_user},
};

const SHOP_NAME: &str = "Synthetic Contributing Garage";

async fn cookie(db: &DatabaseConnection, actor: Actor) -> String {
    let session = sessions::start(db, actor.user_id, Utc::now()).await.unwrap();
    format!("bayline_session={}", session.token)
}

/// A verified independent shop in Detroit, its owner and an admin.
async fn shop(db: &DatabaseConnection) -> (i64, Actor, Actor) {
    add_real_zips(db, &["48201"]).await;
    let owner = add_synthetic_user(db, "owner@contributing.example.com", false).await;
    let admin = add_synthetic_user(db, "admin@bayline.example.com", true).await;
    let form = ShopForm {
        name: SHOP_NAME.into(),
        shop_type: "independent_repair".into(),
        size_band: "5-9".into(),
        city: "Detroit".into(),
        state: "MI".into(),
        zip: "48201".into(),
        ..Default::default()
    };
    let id = create_shop(db, Some(owner), &form, Utc::now()).await.unwrap().id;
    verify(db, Some(admin), id, "http://localhost", Utc::now()).await.unwrap();
    (id, owner, admin)
}

/// Pay rows in slots 1 and 3 (slot 2 blank), benefits and a labor rate.
fn contribution(general_rate: &str) -> String {
    [
        "row1_role=general_service&row1_pay_type=hourly",
        &format!("row1_rate={general_rate}"),
        "row1_technicians=3&row1_experience=3-5&row1_certification=certified",
        "row2_role=&row2_rate=&row2_technicians=",
        "row3_role=master_tech&row3_pay_type=flat_rate&row3_rate=41&row3_flat_hours=45",
        "row3_technicians=1&row3_experience=11%2B&row3_certification=master",
        "health_insurance=on&uniforms=on&retirement_match_pct=4&pto_days=10&tool_allowance=%241%2C200",
        "labor_mechanical=145",
    ]
    .join("&")
}

async fn page(app: &Router, path: &str, cookie: &str) -> (StatusCode, String) {
    let (status, _, body) = send(app, get(path, Some(cookie))).await;
    (status, body.replace("<!>", "").replace("<!---->", ""))
}

db_test!(a_shop_contributes_resubmits_and_reads_its_history, |db: DatabaseConnection| async move {
    let (id, owner, _) = shop(&db).await;
    let app = router(&db, "http://localhost");
    let owner = cookie(&db, owner).await;
    let path = format!("/orgs/{id}/pay");

    // An implausible rate in the second row kept (slot 3) comes back beside row 2's rate,
    // with the rows renumbered and everything typed; nothing is stored.
    let bad = contribution("30").replace("row3_rate=41", "row3_rate=4");
    let (status, headers, _) = send(&app, form(&path, &bad, Some(&owner))).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    // No pay figure travels in the address.
    assert_eq!(location(&headers), path);
    assert_eq!(pay_submission::Entity::find().count(&db).await.unwrap(), 0);
    let shown = refused_page(&app, &headers, Some(&owner)).await;
    assert!(shown.contains(r#"id="row2_rate-error" class="field-error">Row 2 (Master / A-level technician): a flat rate per flagged hour of $4.00 is implausible"#), "{shown}");
    assert!(shown.contains(r#"name="row2_rate" maxlength="12" inputmode="decimal" value="4""#), "{shown}");
    assert!(shown.contains(r#"name="row1_rate" maxlength="12" inputmode="decimal" value="30""#), "{shown}");
    assert!(shown.contains(r##"<a href="#row2_rate">"##), "the summary links to the field: {shown}");
    // Shown once: the same address again is the form afresh, from the shop's latest data.
    let (_, again) = page(&app, &path, &owner).await;
    assert!(!again.contains("There is a problem"), "{again}");

    // A good contribution: a receipt naming the quarter and when it is first used.
    let (status, headers, _) = send(&app, form(&path, &contribution("27.50"), Some(&owner))).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let receipt = location(&headers).to_string();
    assert!(receipt.starts_with(&format!("{path}?receipt=")), "{receipt}");
    let first = pay_submission::Entity::find().one(&db).await.unwrap().unwrap();
    assert_eq!(first.status.slug(), "accepted");
    let rows =
        pay_row::Entity::find().filter(pay_row::Column::SubmissionId.eq(first.id)).all(&db).await.unwrap();
    assert_eq!(rows.len(), 2, "the blank slot is skipped");
    assert_eq!((first.tool_allowance_cents, first.pto_days, first.health_insurance), (120_000, 10, true));
    let quarter = quarter_of(Utc::now());
    let from = published_from(quarter).date_naive();
    let (status, shown) = page(&app, &receipt, &owner).await;
    assert_eq!(status, StatusCode::OK);
    assert!(shown.contains(&format!("Received: your pay data for {quarter}.")), "{shown}");
    assert!(shown.contains("An admin may review it before it is used."), "{shown}");
    assert!(shown.contains("at least 3 months old"), "{shown}");
    assert!(shown.contains(&from.format("%B %Y").to_string()), "first used in {from}: {shown}");
    assert!(shown.contains("General service technician · $27.50 an hour · 3 technicians"), "{shown}");

    // Resubmitting the same day is refused beside the form, keeping what was typed; a day
    // later it supersedes the first, which stays in the history.
    let (status, headers, _) = send(&app, form(&path, &contribution("28"), Some(&owner))).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let shown = refused_page(&app, &headers, Some(&owner)).await;
    assert!(shown.contains("less than a day ago"), "{shown}");
    assert!(shown.contains(r#"value="28""#), "what was typed comes back: {shown}");
    assert_eq!(pay_submission::Entity::find().count(&db).await.unwrap(), 1, "nothing stored");
    let mut earlier: pay_submission::ActiveModel = first.clone().into();
    earlier.submitted_at = Set(first.submitted_at - chrono::Duration::days(1));
    earlier.update(&db).await.unwrap();
    let (status, _, _) = send(&app, form(&path, &contribution("28"), Some(&owner))).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, shown) = page(&app, &path, &owner).await;
    assert_eq!(shown.matches("Received · superseded by a later submission").count(), 1, "{shown}");
    assert!(shown.contains(r#"value="28""#), "the form starts from the latest submission: {shown}");

    // Nobody else reads it: the page answers 404 to a stranger, and sends the anonymous to sign in.
    let stranger = add_synthetic_user(&db, "stranger@example.com", false).await;
    let stranger = cookie(&db, stranger).await;
    let (status, shown) = page(&app, &path, &stranger).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(!shown.contains("27.50"));
    let (status, headers, _) = send(&app, get(&path, None)).await;
    let login = format!("/login?next=%2Forgs%2F{id}%2Fpay");
    assert_eq!((status, location(&headers)), (StatusCode::FOUND, login.as_str()));
});

db_test!(
    an_outlier_is_held_then_accepted_by_an_admin_who_never_sees_the_shop,
    |db: DatabaseConnection| async move {
        add_real_zips(&db, &["43215", "49503"]).await;
        let (id, owner, admin) = shop(&db).await;
        // Enough SYNTHETIC shops in the published quarter for a general-service distribution.
        generate(&db, Size { shops: 80, quarters: 1, seed: 6, state: None }, Utc::now()).await.unwrap();
        let app = router(&db, "http://localhost");
        let (owner, admin) = (cookie(&db, owner).await, cookie(&db, admin).await);
        let path = format!("/orgs/{id}/pay");

        let (status, headers, _) = send(&app, form(&path, &contribution("150"), Some(&owner))).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let receipt = location(&headers).to_string();
        let held = pay_submission::Entity::find()
            .filter(pay_submission::Column::ShopId.eq(id))
            .one(&db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(held.status.slug(), "held");
        // The shop is not told that it was held, nor which value, nor the bound.
        let (_, shown) = page(&app, &receipt, &owner).await;
        assert!(shown.contains("Received: your pay data for"), "{shown}");
        assert!(!shown.contains("held") && !shown.contains("far outside"), "{shown}");

        // The review queue: values, reasons, quarter, state and group — no name, no shop id.
        let (status, queue) = page(&app, "/admin/insights", &admin).await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            queue.contains(&format!(
                "Submission {}: {} · Michigan · Independent and quick service",
                held.id, held.quarter
            )),
            "{queue}"
        );
        assert!(queue.contains("General service technician · $150 an hour"), "{queue}");
        assert!(queue.contains("pay far outside the published national quartiles"), "{queue}");
        assert!(queue.contains(&format!("Accepting it counts it toward {}.", held.quarter)), "{queue}");
        assert!(!queue.contains(SHOP_NAME) && !queue.contains(&format!("/orgs/{id}")), "{queue}");
        let (status, _) = page(&app, "/admin/insights", &owner).await;
        assert_eq!(status, StatusCode::FORBIDDEN);

        // Only an admin decides; the shop's history reads "received" before and after.
        let accept = format!("/admin/insights/{}/accept", held.id);
        let (status, _, _) = send(&app, form(&accept, "", Some(&owner))).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let (status, headers, _) = send(&app, form(&accept, "", Some(&admin))).await;
        assert_eq!((status, location(&headers)), (StatusCode::SEE_OTHER, "/admin/insights?done=accepted"));
        let (_, queue) = page(&app, "/admin/insights?done=accepted", &admin).await;
        assert!(queue.contains("Nothing is held."), "{queue}");
        let (status, headers, _) =
            send(&app, form(&format!("/admin/insights/{}/reject", held.id), "", Some(&admin))).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert_eq!(location(&headers), "/admin/insights");
        let refused = refused_page(&app, &headers, Some(&admin)).await;
        assert!(refused.contains("This submission is accepted already"), "{refused}");
        let (_, shown) = page(&app, &path, &owner).await;
        assert!(
            shown.contains(r#"<td role="cell" data-label="Status" class="status">Received</td>"#),
            "{shown}"
        );
    }
);
