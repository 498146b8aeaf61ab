//! Imported schools' pages and a verified shop's invitations over HTTP on both databases:
//! the public listing page, the e-mail invitation (one through the outbox, naming the shop
//! and the claim link; a second one refused beside the form), the printable letter, and the
//! list's e-mail address in no answer at all. The list and people are SYNTHETIC; the ZIP
//! centroid is the real GeoNames row of 48201.
use axum::http::StatusCode;
use chrono::Utc;
use entity::email_outbox;
use importer::SilentProgress;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use service::{
    db_test,
    testing::{add_real_zips, add_synthetic_user, add_verified_shop},
};

use crate::support::http::{form, get, location, refused_page, router, send};

const ADDRESS: &str = "office@westside-cte.example.org";
const LIST: &str = "\
name,street,city,state,zip,kinds,level,web_host,nces_id,aef_accredited_until,lat,lon,email
SYNTHETIC Westside CTE,1 Main St,Detroit,MI,48201,auto;diesel,cte_center,westside-cte.example.org,,,,,office@westside-cte.example.org
";

async fn session(db: &DatabaseConnection, user_id: i64) -> String {
    let session = service::accounts::sessions::start(db, user_id, Utc::now()).await.unwrap();
    format!("bayline_session={}", session.token)
}

async fn mails(db: &DatabaseConnection) -> Vec<email_outbox::Model> {
    email_outbox::Entity::find().filter(email_outbox::Column::Recipient.eq(ADDRESS)).all(db).await.unwrap()
}

db_test!(a_verified_shop_invites_a_listed_school_by_email_and_letter, |db: DatabaseConnection| async move {
    add_real_zips(&db, &["48201"]).await;
    let rows = importer::check_schools(&db, std::path::Path::new("list.csv"), LIST.as_bytes()).await.unwrap();
    importer::import_schools(&db, &rows, "SYNTHETIC county list", Utc::now(), &SilentProgress).await.unwrap();
    let id = service::schools::unclaimed(&db).await.unwrap()[0].id;
    let admin = add_synthetic_user(&db, "synthetic.admin@bayline.example.com", true).await;
    let (shop, owner) = add_verified_shop(&db, "inviting", "dealership", admin).await;
    let owner = session(&db, owner.user_id).await;
    let student = add_synthetic_user(&db, "synthetic.student@example.com", false).await;
    let student = session(&db, student.user_id).await;
    let app = router(&db, "http://localhost");
    let page = format!("/schools/listings/{id}");
    let mut answers = Vec::new();

    // Anyone reads the listing's page: its facts and source, never as verified.
    let (status, _, html) = send(&app, get(&page, None)).await;
    assert_eq!(status, StatusCode::OK);
    for needed in [
        "SYNTHETIC Westside CTE",
        "Detroit, MI",
        "Career and technical center",
        "From SYNTHETIC county list, line 2.",
        "Not yet on Bayline.",
        &format!("href=\"/schools/high-school?listing={id}\""),
        "No shop has invited this school yet.",
    ] {
        assert!(html.contains(needed), "the page says {needed:?}: {html}");
    }
    assert!(!html.contains("Invite by e-mail"), "a visitor has no invitation form");
    answers.push(html);
    let (_, _, html) = send(&app, get(&page, Some(&student))).await;
    assert!(!html.contains("Invite by e-mail"), "nor does a person with no verified shop");
    answers.push(html);
    // The finder links each listing to its page.
    let (_, _, html) = send(&app, get("/programs?zip=48201&radius=25", None)).await;
    assert!(html.contains(&format!("href=\"/schools/listings/{id}\"")), "{html}");
    answers.push(html);

    // The shop's member sees the forms, and that the list gives an address (not which).
    let (_, _, html) = send(&app, get(&page, Some(&owner))).await;
    assert!(html.contains("The list gives an address for this school"), "{html}");
    assert!(html.contains("Invite by e-mail as Synthetic inviting Garage"), "{html}");
    answers.push(html);

    // By e-mail: one message through the outbox, then the page says so.
    let body = format!("shop={shop}&channel=email");
    let (status, headers, _) = send(&app, form(&format!("{page}/invite"), &body, Some(&owner))).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location(&headers), format!("{page}?done=invited"));
    let sent = mails(&db).await;
    assert_eq!(sent.len(), 1);
    assert!(sent[0].subject.contains("Synthetic inviting Garage invites SYNTHETIC Westside CTE"));
    assert!(sent[0].body_text.contains(&format!("http://localhost/schools/high-school?listing={id}")));
    assert!(sent[0].body_text.contains("SYNTHETIC county list"), "{}", sent[0].body_text);
    let (_, _, html) = send(&app, get(&format!("{page}?done=invited"), Some(&owner))).await;
    assert!(html.contains("Invitation sent"), "{html}");
    let today = Utc::now().format("%Y-%m-%d");
    assert!(html.contains(&format!("Invited by your shop on {today}.")), "{html}");
    assert!(html.contains("1 shop has invited this school to Bayline."), "{html}");
    answers.push(html);

    // Once only: the second is refused on the page, and nothing more is sent.
    let (status, headers, _) = send(&app, form(&format!("{page}/invite"), &body, Some(&owner))).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let html = refused_page(&app, &headers, Some(&owner)).await;
    assert!(html.contains("has e-mailed this school already"), "{html}");
    assert_eq!(mails(&db).await.len(), 1);
    answers.push(html);
    // No channel: the refusal stands beside the buttons.
    let (_, headers, _) =
        send(&app, form(&format!("{page}/invite"), &format!("shop={shop}&channel="), Some(&owner))).await;
    let html = refused_page(&app, &headers, Some(&owner)).await;
    let lower = html.to_lowercase();
    assert!(
        lower.contains("id=\"channel-error\" class=\"field-error\">choose an e-mail or a letter"),
        "{html}"
    );
    answers.push(html);

    // The letter: recorded, then the printable page with the claim link written out.
    let (status, headers, _) =
        send(&app, form(&format!("{page}/invite"), &format!("shop={shop}&channel=letter"), Some(&owner)))
            .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let letter = format!("{page}/letter?shop={shop}");
    assert_eq!(location(&headers), letter);
    let (status, _, html) = send(&app, get(&letter, Some(&owner))).await;
    assert_eq!(status, StatusCode::OK);
    for needed in [
        "Synthetic inviting Garage",
        "SYNTHETIC Westside CTE",
        "1 Main St",
        "Detroit, MI 48201",
        &format!("http://localhost/schools/high-school?listing={id}"),
        "Bayline is a free website",
    ] {
        assert!(html.contains(needed), "the letter says {needed:?}: {html}");
    }
    answers.push(html);
    let (status, _, html) = send(&app, get(&letter, Some(&student))).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "a shop's letter is its members'");
    answers.push(html);
    let (status, _, _) = send(&app, form(&format!("{page}/invite"), &body, Some(&student))).await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    for answer in answers {
        assert!(!answer.contains(ADDRESS), "the list's address is in no answer");
    }
    let (_, _, json) = send(&app, get("/api/v1/schools", None)).await;
    assert!(!json.contains(ADDRESS), "nor in the API");
});
