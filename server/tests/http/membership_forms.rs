//! Membership forms over HTTP on both databases: an admin's plan and code forms refuse bad
//! input beside the field with what was typed and store nothing; a shop's checkout with a
//! refused code returns to the checkout page beside the code field, storing nothing; a good
//! checkout answers with the invoice, which only the shop's members and admins can open; the
//! admin's payment form starts the membership. Shops and people are SYNTHETIC; ZIP centroids
//! are real GeoNames rows.

use crate::support::http::{form, get, location, refused_page, router, send};
use axum::{Router, http::StatusCode};
use chrono::Utc;
use entity::{discount_code, invoice, plan};
use sea_orm::{DatabaseConnection, EntityTrait, PaginatorTrait};
use service::{
    accounts::sessions,
    authz::Actor,
    db_test,
    testing::{add_real_zips, add_synthetic_user, add_verified_shop},
};

async fn cookie(db: &DatabaseConnection, actor: Actor) -> String {
    let session = sessions::start(db, actor.user_id, Utc::now()).await.unwrap();
    format!("bayline_session={}", session.token)
}

async fn page(app: &Router, path: &str, cookie: Option<&str>) -> (StatusCode, String) {
    let (status, _, body) = send(app, get(path, cookie)).await;
    (status, body.replace("<!>", "").replace("<!---->", ""))
}

/// Posts a form and returns the 303's location.
async fn post(app: &Router, path: &str, body: &str, cookie: &str) -> String {
    let (status, headers, body) = send(app, form(path, body, Some(cookie))).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{path}: {body}");
    location(&headers).to_string()
}

/// A refused form: where it sends the browser, and that page as shown with the refusal.
async fn refused(app: &Router, path: &str, body: &str, cookie: &str) -> (String, String) {
    let (status, headers, body) = send(app, form(path, body, Some(cookie))).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{path}: {body}");
    (location(&headers).to_string(), refused_page(app, &headers, Some(cookie)).await)
}

db_test!(
    membership_forms_refuse_by_field_and_a_checkout_ends_in_a_paid_invoice,
    |db: DatabaseConnection| async move {
        add_real_zips(&db, &["48201"]).await;
        let admin = add_synthetic_user(&db, "admin@bayline.example.com", true).await;
        let stranger = add_synthetic_user(&db, "someone@example.com", false).await;
        let (shop, owner) = add_verified_shop(&db, "member", "fleet", admin).await;
        let app = router(&db, "http://localhost");
        let (owner, stranger, admin) =
            (cookie(&db, owner).await, cookie(&db, stranger).await, cookie(&db, admin).await);

        // A negative price: back beside the price with what was typed (ticks too); nothing stored.
        let (back, shown) = refused(
            &app,
            "/admin/plans",
            "name=Fleet+Pro&audience=shop&price=-10&unlock_exchange_filters=on",
            &admin,
        )
        .await;
        assert_eq!(back, "/admin/membership");
        assert!(
            shown.contains(r#"id="price-error" class="field-error">The amount cannot be negative."#),
            "{shown}"
        );
        assert!(shown.contains(r#"value="Fleet Pro""#), "{shown}");
        assert!(shown.contains(r#"name="unlock_exchange_filters" value="on" checked"#), "{shown}");
        assert_eq!(plan::Entity::find().count(&db).await.unwrap(), 0);
        let done = post(
            &app,
            "/admin/plans",
            "name=Fleet+Pro&audience=shop&price=1%2C500&unlock_exchange_filters=on",
            &admin,
        )
        .await;
        assert_eq!(done, "/admin/membership?done=plan_added");
        let plan_id = plan::Entity::find().one(&db).await.unwrap().unwrap().id;

        // A code whose last day is before its first: beside the last day; nothing stored.
        let today = Utc::now().date_naive();
        let code = |to: chrono::NaiveDate| {
            format!(
                "code=FLEET10&partner=Synthetic+Parts&kind=percent&value=10&valid_from={today}&valid_to={to}&max_uses=3&plan_{plan_id}=on"
            )
        };
        let (back, shown) =
            refused(&app, "/admin/discount-codes", &code(today - chrono::Duration::days(1)), &admin).await;
        assert_eq!(back, "/admin/membership");
        assert!(shown.contains(r##"<a href="#valid_to">"##), "{shown}");
        assert!(shown.contains(&format!(r#"name="plan_{plan_id}" value="on" checked"#)), "{shown}");
        assert_eq!(discount_code::Entity::find().count(&db).await.unwrap(), 0);
        post(&app, "/admin/discount-codes", &code(today + chrono::Duration::days(10)), &admin).await;
        // Only admins configure.
        let (status, _, _) = send(&app, form("/admin/plans", "name=x", Some(&owner))).await;
        assert_eq!(status, StatusCode::FORBIDDEN);

        // No billing details yet: the checkout says invoices cannot be issued, and refuses.
        let checkout = format!("/orgs/{shop}/membership");
        let quote = format!("/membership/checkout?org={shop}&plan={plan_id}");
        let (_, shown) = page(&app, &quote, Some(&owner)).await;
        assert!(shown.contains("Bayline cannot issue invoices yet"), "{shown}");
        assert!(!shown.contains("Confirm and get the invoice"), "{shown}");
        assert!(!shown.contains("Set the billing details"), "only admins are shown where: {shown}");
        let (_, shown) = refused(&app, &checkout, &format!("plan={plan_id}&code="), &owner).await;
        assert!(shown.contains("an admin must first set the billing details"), "{shown}");
        // The admin sets them: every problem at once, then saved.
        let (_, shown) = refused(&app, "/admin/billing", "legal_name=&contact_email=nope", &admin).await;
        for field in ["legal_name", "postal_address", "contact_email", "payment_instructions"] {
            assert!(shown.contains(&format!(r##"<a href="#{field}">"##)), "{field}: {shown}");
        }
        let billing = "legal_name=SYNTHETIC+Operator+LLC&postal_address=1+Synthetic+Way%0D%0ATestville%2C+MI+48201\
                       &contact_email=billing%40example.com&payment_instructions=SYNTHETIC+cheques+to+the+address+below&tax_id=";
        assert_eq!(
            post(&app, "/admin/billing", billing, &admin).await,
            "/admin/membership?done=billing_saved"
        );

        // The owner's checkout: a wrong code returns beside the code field, not in the
        // address; nothing stored.
        let (back, shown) = refused(&app, &checkout, &format!("plan={plan_id}&code=WRONG"), &owner).await;
        assert_eq!(back, quote);
        assert!(shown.contains(r#"id="code-error" role="alert" class="field-error">there is no partner code with these letters"#), "{shown}");
        assert!(shown.contains(r#"value="WRONG""#), "{shown}");
        assert_eq!(invoice::Entity::find().count(&db).await.unwrap(), 0);
        // The price with the code, then the invoice.
        let (_, shown) =
            page(&app, &format!("/membership/checkout?org={shop}&plan={plan_id}&code=fleet10"), Some(&owner))
                .await;
        assert!(shown.contains(r#"id="total" data-cents="135000" class="amount">$1,350.00"#), "{shown}");
        let issued = post(&app, &checkout, &format!("plan={plan_id}&code=fleet10"), &owner).await;
        let row = invoice::Entity::find().one(&db).await.unwrap().unwrap();
        assert_eq!(issued, format!("/invoices/{}?done=issued", row.id));
        assert_eq!((row.subtotal_cents, row.discount_cents, row.total_cents), (150_000, 15_000, 135_000));
        let path = format!("/invoices/{}", row.id);
        let (status, shown) = page(&app, &path, Some(&owner)).await;
        assert_eq!(status, StatusCode::OK);
        assert!(shown.contains(&row.number) && shown.contains("Partner code FLEET10: 10% off"), "{shown}");
        // How to pay: the operator's details as issued, the address line by line.
        assert!(
            shown.contains("How to pay") && shown.contains("SYNTHETIC cheques to the address below"),
            "{shown}"
        );
        assert!(shown.contains(r#"<span class="line">Testville, MI 48201</span>"#), "{shown}");
        // Someone else: no such invoice. The public: sign in first.
        let (status, shown) = page(&app, &path, Some(&stranger)).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(!shown.contains(&row.number), "{shown}");
        let (status, headers, _) = send(&app, get(&path, None)).await;
        assert!(status.is_redirection() && location(&headers).starts_with("/login?next="), "{status}");

        // The admins' list of open invoices names the shop and the plan.
        let (_, shown) = page(&app, "/admin/membership", Some(&admin)).await;
        assert!(
            shown.contains(&format!("{}</a> · Synthetic member Garage · Fleet Pro · $1,350.00", row.number)),
            "{shown}"
        );

        // The admin records the payment; the owner's /membership says they are a member.
        let paid =
            post(&app, &format!("/admin/invoices/{}/paid", row.id), "reference=Cheque+88", &admin).await;
        assert_eq!(paid, format!("/invoices/{}?done=paid", row.id));
        let (_, shown) = page(&app, "/membership", Some(&owner)).await;
        assert!(shown.contains("Member: Fleet Pro until"), "{shown}");
    }
);
