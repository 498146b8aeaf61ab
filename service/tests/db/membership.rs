//! Memberships on both databases: plans and partner codes (admins only, bad input named by
//! field with nothing stored), checkout with a 15% code, exact invoice totals, payment
//! recorded by the built-in provider unlocking every Data Exchange filter, 50 shops racing
//! for a code's last uses, cancelling, expiry and renewal reminders; no invoice before the
//! operator's billing details exist, and each invoice keeps the details it was issued with. People and shops are
//! SYNTHETIC; ZIP centroids are the real GeoNames rows.
use chrono::{DateTime, Duration, Utc};
use domain::{billing::Unlock, insights::Access};
use entity::{discount_code, email_outbox, invoice, member_term, plan};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter};
use service::{
    authz::Actor,
    db_test,
    error::ServiceError,
    insights::access,
    membership::{
        billing, checkout,
        codes::{self, CodeForm},
        invoices,
        payments::{self, ManualInvoice},
        plans::{self, PlanForm},
        reminders, standing,
    },
    testing::add_synthetic_user,
};

use crate::support::partners::*;

fn plan_form(price: &str) -> PlanForm {
    PlanForm {
        name: "Shop Pro".into(),
        audience: "shop".into(),
        price: price.into(),
        unlocks: vec!["exchange_filters".into(), "members_resources".into()],
        description: "Every filter and the members' library.".into(),
    }
}

fn code_form(code: &str, plan_id: i64, percent: &str, max_uses: i32, now: DateTime<Utc>) -> CodeForm {
    CodeForm {
        code: code.into(),
        partner: "Synthetic Parts Distributor".into(),
        kind: "percent".into(),
        value: percent.into(),
        valid_from: now.date_naive().to_string(),
        valid_to: (now.date_naive() + Duration::days(30)).to_string(),
        max_uses: max_uses.to_string(),
        plan_ids: vec![plan_id.to_string()],
    }
}

/// The partners' world with the operator's SYNTHETIC billing details set, so that checkouts
/// can issue invoices.
async fn billing_world(db: &DatabaseConnection) -> World {
    let w = world(db).await;
    service::synthetic::rows::billing_details(db, Some(w.admin), Utc::now()).await.unwrap();
    w
}

/// A verified SYNTHETIC shop of its own owner.
async fn own_shop(db: &DatabaseConnection, admin: Actor, n: usize) -> (Actor, i64) {
    let (shop, owner) =
        service::testing::add_verified_shop(db, &format!("owner{n}"), "independent_repair", admin).await;
    (owner, shop)
}

/// The invoice's stored totals equal the sum of its lines, and its positive and negative
/// lines.
async fn assert_exact(db: &DatabaseConnection, actor: Actor, invoice_id: i64) -> invoices::InvoiceView {
    let view = invoices::view(db, Some(actor), invoice_id).await.unwrap();
    let sum: i64 = view.lines.iter().map(|l| l.amount_cents).sum();
    let positive: i64 = view.lines.iter().map(|l| l.amount_cents.max(0)).sum();
    let negative: i64 = view.lines.iter().map(|l| (-l.amount_cents).max(0)).sum();
    assert_eq!(view.invoice.total_cents, sum, "{view:?}");
    assert_eq!(view.invoice.subtotal_cents, positive);
    assert_eq!(view.invoice.discount_cents, negative);
    view
}

db_test!(
    admins_configure_plans_and_codes_and_bad_input_stores_nothing,
    |db: DatabaseConnection| async move {
        let w = billing_world(&db).await;
        let now = Utc::now();
        for who in [None, Some(w.owner), Some(w.instructor)] {
            let refused = plans::create(&db, who, &plan_form("1200"), now).await.unwrap_err();
            assert!(matches!(refused, ServiceError::SignInRequired | ServiceError::Forbidden), "{refused:?}");
        }
        for (price, words) in
            [("-5", "negative"), ("12.345", "dollars"), ("", "amount"), ("200000", "at most")]
        {
            match plans::create(&db, Some(w.admin), &plan_form(price), now).await.unwrap_err() {
                ServiceError::Invalid { field: "price", message } => {
                    assert!(message.contains(words), "{message}")
                }
                other => panic!("{other:?}"),
            }
        }
        assert_eq!(plan::Entity::find().count(&db).await.unwrap(), 0);
        let plan_id = plans::create(&db, Some(w.admin), &plan_form("1,200"), now).await.unwrap();
        let mut bad = code_form("PARTNER15", plan_id, "15", 10, now);
        bad.valid_to = (now.date_naive() - Duration::days(1)).to_string();
        assert_eq!(field_of(codes::create(&db, Some(w.admin), &bad, now).await.unwrap_err()), "valid_to");
        for (percent, field) in [("0", "value"), ("101", "value"), ("-15", "value")] {
            let form = code_form("PARTNER15", plan_id, percent, 10, now);
            assert_eq!(field_of(codes::create(&db, Some(w.admin), &form, now).await.unwrap_err()), field);
        }
        let form = code_form("PARTNER15", plan_id + 99, "15", 10, now);
        assert_eq!(field_of(codes::create(&db, Some(w.admin), &form, now).await.unwrap_err()), "plans");
        let form = code_form("no spaces!", plan_id, "15", 10, now);
        assert_eq!(field_of(codes::create(&db, Some(w.admin), &form, now).await.unwrap_err()), "code");
        let form = code_form("PARTNER15", plan_id, "15", 0, now);
        assert_eq!(field_of(codes::create(&db, Some(w.admin), &form, now).await.unwrap_err()), "max_uses");
        assert!(matches!(
            codes::create(&db, Some(w.owner), &code_form("PARTNER15", plan_id, "15", 10, now), now).await,
            Err(ServiceError::Forbidden)
        ));
        assert_eq!(discount_code::Entity::find().count(&db).await.unwrap(), 0);
        codes::create(&db, Some(w.admin), &code_form("partner15", plan_id, "15", 10, now), now)
            .await
            .unwrap();
        let again = code_form("PARTNER15", plan_id, "20", 10, now);
        assert_eq!(field_of(codes::create(&db, Some(w.admin), &again, now).await.unwrap_err()), "code");
        assert_eq!(discount_code::Entity::find().count(&db).await.unwrap(), 1);
    }
);

db_test!(
    a_shop_checks_out_with_a_15_percent_code_and_payment_unlocks_the_filters,
    |db: DatabaseConnection| async move {
        let w = billing_world(&db).await;
        let now = Utc::now();
        let plan_id = plans::create(&db, Some(w.admin), &plan_form("1,199.99"), now).await.unwrap();
        codes::create(&db, Some(w.admin), &code_form("PARTNER15", plan_id, "15", 10, now), now)
            .await
            .unwrap();
        // Only the shop's owner checks out; schools never pay.
        for who in [w.instructor, w.outsider, w.admin] {
            assert!(checkout::quote(&db, Some(who), w.shop, plan_id, "", now).await.is_err());
        }
        conflict(checkout::quote(&db, Some(w.instructor), w.program, plan_id, "", now).await, "free");
        let quote = checkout::quote(&db, Some(w.owner), w.shop, plan_id, " partner15 ", now).await.unwrap();
        // 15% of $1,199.99 is $179.9985, rounded to $180.00.
        assert_eq!(
            (quote.totals.subtotal_cents, quote.totals.discount_cents, quote.totals.total_cents),
            (119_999, 18_000, 101_999)
        );
        let invoice_id =
            checkout::confirm(&db, Some(w.owner), w.shop, plan_id, "partner15", SITE, now).await.unwrap();
        let view = assert_exact(&db, w.owner, invoice_id).await;
        assert_eq!(view.invoice.total_cents, 101_999);
        assert_eq!(view.code.as_deref(), Some("PARTNER15"));
        assert!(view.invoice.number.starts_with("BL-"), "{}", view.invoice.number);
        // Outsiders cannot read it, not even to learn it exists.
        for who in [w.instructor, w.outsider] {
            assert!(matches!(invoices::view(&db, Some(who), invoice_id).await, Err(ServiceError::NotFound)));
        }
        assert!(
            mail_to(&db, "owner@shop.example.com")
                .await
                .iter()
                .any(|m| m.body_text.contains(&format!("/invoices/{invoice_id}")))
        );
        // Unpaid: nothing unlocked yet, and a second checkout waits for this invoice.
        assert!(standing::unlocks(&db, Some(w.owner), now).await.unwrap().is_empty());
        assert_eq!(access::level(&db, Some(w.owner), now).await.unwrap(), Access::Member);
        conflict(
            checkout::confirm(&db, Some(w.owner), w.shop, plan_id, "", SITE, now).await,
            "waiting for payment",
        );
        // Only admins record a manual payment, with a reference.
        assert!(matches!(
            payments::settle(&db, &ManualInvoice, Some(w.owner), invoice_id, "cheque 1", SITE, now).await,
            Err(ServiceError::Forbidden)
        ));
        let error = payments::settle(&db, &ManualInvoice, Some(w.admin), invoice_id, "", SITE, now)
            .await
            .unwrap_err();
        assert_eq!(field_of(error), "reference");
        let (starts, ends) =
            payments::settle(&db, &ManualInvoice, Some(w.admin), invoice_id, "Cheque 4471", SITE, now)
                .await
                .unwrap();
        assert_eq!(starts, now.date_naive());
        assert_eq!(ends, now.date_naive() + chrono::Months::new(12));
        conflict(
            payments::settle(&db, &ManualInvoice, Some(w.admin), invoice_id, "again", SITE, now).await,
            "already",
        );
        let view = assert_exact(&db, w.owner, invoice_id).await;
        assert_eq!(
            (view.invoice.status.slug(), view.invoice.provider.as_deref()),
            ("paid", Some("manual_invoice"))
        );
        assert!(!standing::unlocks(&db, Some(w.owner), now).await.unwrap().is_empty());
        assert_eq!(
            standing::unlocks(&db, Some(w.owner), now).await.unwrap(),
            vec![Unlock::ExchangeFilters, Unlock::MembersResources]
        );
        assert_eq!(access::level(&db, Some(w.owner), now).await.unwrap(), Access::PaidMember);
        // Others are not members through this shop.
        assert!(standing::unlocks(&db, Some(w.instructor), now).await.unwrap().is_empty());
        // Expiry downgrades access and keeps every row.
        let later = now + Duration::days(366);
        assert!(standing::unlocks(&db, Some(w.owner), later).await.unwrap().is_empty());
        assert_eq!(access::level(&db, Some(w.owner), later).await.unwrap(), Access::Member);
        assert_exact(&db, w.owner, invoice_id).await;
        assert_eq!(invoices::history(&db, Some(w.owner), w.shop).await.unwrap().len(), 1);
    }
);

db_test!(bad_codes_are_refused_by_name_and_store_nothing, |db: DatabaseConnection| async move {
    let w = billing_world(&db).await;
    let now = Utc::now();
    let plan_id = plans::create(&db, Some(w.admin), &plan_form("500"), now).await.unwrap();
    let other_plan = plans::create(&db, Some(w.admin), &plan_form("900"), now).await.unwrap();
    codes::create(&db, Some(w.admin), &code_form("ONEUSE", plan_id, "10", 1, now), now).await.unwrap();
    let mut later = code_form("LATER", plan_id, "10", 5, now);
    later.valid_from = (now.date_naive() + Duration::days(5)).to_string();
    codes::create(&db, Some(w.admin), &later, now).await.unwrap();
    let cases = [
        ("NOSUCH", plan_id, now, "no partner code"),
        ("ONEUSE", other_plan, now, "does not apply"),
        ("ONEUSE", plan_id, now + Duration::days(31), "expired"),
        ("LATER", plan_id, now, "valid from"),
    ];
    for (code, plan, when, words) in cases {
        match checkout::confirm(&db, Some(w.owner), w.shop, plan, code, SITE, when).await.unwrap_err() {
            ServiceError::Invalid { field: "code", message } => {
                assert!(message.contains(words), "{code}: {message}")
            }
            other => panic!("{code}: {other:?}"),
        }
    }
    assert_eq!(invoice::Entity::find().count(&db).await.unwrap(), 0);
    assert_eq!(member_term::Entity::find().count(&db).await.unwrap(), 0);
    // The one use is taken, given back by cancelling, and can then be used again.
    let first = checkout::confirm(&db, Some(w.owner), w.shop, plan_id, "ONEUSE", SITE, now).await.unwrap();
    let (other_owner, other_shop) = own_shop(&db, w.admin, 2).await;
    let error = checkout::confirm(&db, Some(other_owner), other_shop, plan_id, "ONEUSE", SITE, now)
        .await
        .unwrap_err();
    assert_eq!(field_of(error), "code");
    assert!(matches!(
        invoices::cancel(&db, Some(other_owner), first, now).await,
        Err(ServiceError::Forbidden)
    ));
    invoices::cancel(&db, Some(w.owner), first, now).await.unwrap();
    conflict(invoices::cancel(&db, Some(w.owner), first, now).await, "cannot be cancelled");
    conflict(
        payments::settle(&db, &ManualInvoice, Some(w.admin), first, "late cheque", SITE, now).await,
        "void",
    );
    checkout::confirm(&db, Some(other_owner), other_shop, plan_id, "ONEUSE", SITE, now).await.unwrap();
    let code = discount_code::Entity::find()
        .filter(discount_code::Column::Code.eq("ONEUSE"))
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(code.uses, 1);
});

/// 50 shops check out at the same moment with a code that has 5 uses: exactly 5 get it.
async fn race_for_the_last_uses(db: DatabaseConnection) {
    let admin = add_synthetic_user(&db, "admin@bayline.example.com", true).await;
    service::testing::add_real_zips(&db, &["48201"]).await;
    let now = Utc::now();
    let plan_id = plans::create(&db, Some(admin), &plan_form("1000"), now).await.unwrap();
    service::synthetic::rows::billing_details(&db, Some(admin), now).await.unwrap();
    codes::create(&db, Some(admin), &code_form("RACE5", plan_id, "15", 5, now), now).await.unwrap();
    let mut shops = Vec::new();
    for n in 0..50 {
        shops.push(own_shop(&db, admin, n).await);
    }
    let attempts = shops.into_iter().map(|(owner, shop)| {
        let db = db.clone();
        tokio::spawn(
            async move { checkout::confirm(&db, Some(owner), shop, plan_id, "RACE5", SITE, now).await },
        )
    });
    let results: Vec<_> = futures_join(attempts).await;
    let won = results.iter().filter(|r| r.is_ok()).count();
    assert_eq!(won, 5, "{results:?}");
    for lost in results.iter().filter_map(|r| r.as_ref().err()) {
        assert!(matches!(lost, ServiceError::Invalid { field: "code", .. }), "{lost:?}");
    }
    assert_eq!(invoice::Entity::find().count(&db).await.unwrap(), 5);
    assert_eq!(member_term::Entity::find().count(&db).await.unwrap(), 5);
    let code = discount_code::Entity::find().one(&db).await.unwrap().unwrap();
    assert_eq!((code.uses, code.max_uses), (5, 5));
    for row in invoice::Entity::find().all(&db).await.unwrap() {
        assert_eq!((row.subtotal_cents, row.discount_cents, row.total_cents), (100_000, 15_000, 85_000));
    }
}

async fn futures_join<T: Send + 'static>(tasks: impl Iterator<Item = tokio::task::JoinHandle<T>>) -> Vec<T> {
    let mut out = Vec::new();
    for task in tasks.collect::<Vec<_>>() {
        out.push(task.await.unwrap());
    }
    out
}

db_test!(fifty_shops_racing_for_five_uses_get_exactly_five, race_for_the_last_uses);

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_shops_racing_for_five_uses_on_a_sqlite_file() {
    service::testing::on_a_sqlite_file("code-race", race_for_the_last_uses).await;
}

db_test!(
    renewal_reminders_go_once_at_30_and_7_days_and_not_after_renewing,
    |db: DatabaseConnection| async move {
        let w = billing_world(&db).await;
        let now = Utc::now();
        let invoice_id = service::membership::fixtures::paid_membership(
            &db,
            w.admin.user_id,
            w.shop,
            &[Unlock::ExchangeFilters],
            now,
        )
        .await;
        let term = member_term::Entity::find().one(&db).await.unwrap().unwrap();
        let ends = term.ends_on.unwrap();
        let at = |day: chrono::NaiveDate| day.and_hms_opt(9, 0, 0).unwrap().and_utc();
        let reminders_sent = || async {
            email_outbox::Entity::find()
                .filter(email_outbox::Column::Subject.contains("membership ends"))
                .count(&db)
                .await
                .unwrap()
        };
        assert_eq!(reminders::send_due(&db, SITE, at(ends - Duration::days(31))).await.unwrap(), 0);
        assert_eq!(reminders::send_due(&db, SITE, at(ends - Duration::days(30))).await.unwrap(), 1);
        assert_eq!(reminders::send_due(&db, SITE, at(ends - Duration::days(29))).await.unwrap(), 0);
        // Two servers at the same moment: one reminder.
        let (a, b) = tokio::join!(
            reminders::send_due(&db, SITE, at(ends - Duration::days(7))),
            reminders::send_due(&db, SITE, at(ends - Duration::days(7))),
        );
        assert_eq!(a.unwrap() + b.unwrap(), 1);
        assert_eq!(reminders_sent().await, 2);
        let mail = mail_to(&db, "owner@shop.example.com").await;
        assert!(
            mail.iter().any(|m| m.subject == "Your Bayline membership ends in 7 days"
                && m.body_text.contains("/membership"))
        );
        // A renewal paid early starts when the current term ends.
        let plan_id = member_term::Entity::find_by_id(term.id).one(&db).await.unwrap().unwrap().plan_id;
        let renewal =
            checkout::confirm(&db, Some(w.owner), w.shop, plan_id, "", SITE, at(ends - Duration::days(5)))
                .await
                .unwrap();
        let (starts, _) = payments::settle(
            &db,
            &ManualInvoice,
            Some(w.admin),
            renewal,
            "Cheque 2",
            SITE,
            at(ends - Duration::days(5)),
        )
        .await
        .unwrap();
        assert_eq!(starts, ends);
        assert!(
            !standing::unlocks(&db, Some(w.owner), at(ends + Duration::days(1))).await.unwrap().is_empty()
        );
        assert_ne!(renewal, invoice_id);
    }
);

db_test!(no_invoice_is_issued_before_the_billing_details_exist, |db: DatabaseConnection| async move {
    let w = world(&db).await;
    let now = Utc::now();
    let plan_id = plans::create(&db, Some(w.admin), &plan_form("1200"), now).await.unwrap();
    // Without billing details the checkout is refused and nothing is stored.
    let refused = checkout::confirm(&db, Some(w.owner), w.shop, plan_id, "", SITE, now).await;
    assert!(
        matches!(&refused, Err(ServiceError::Conflict(m)) if m.contains("billing details")),
        "{refused:?}"
    );
    assert_eq!(entity::invoice::Entity::find().count(&db).await.unwrap(), 0);
    assert_eq!(entity::member_term::Entity::find().count(&db).await.unwrap(), 0);

    // Only admins set them; every field's problem is named at once.
    let bad = billing::BillingForm { contact_email: "not-an-email".into(), ..Default::default() };
    assert!(matches!(billing::save(&db, Some(w.owner), &bad, now).await, Err(ServiceError::Forbidden)));
    let error = billing::save(&db, Some(w.admin), &bad, now).await.unwrap_err();
    let fields: Vec<&str> = error.problems().iter().map(|p| p.field).collect();
    assert_eq!(fields, ["legal_name", "postal_address", "contact_email", "payment_instructions"]);

    let form = billing::BillingForm {
        legal_name: "SYNTHETIC Operator LLC".into(),
        postal_address: "1 Synthetic Way\r\nTestville, MI 48201".into(),
        contact_email: "Billing@Example.com".into(),
        payment_instructions: "Transfer to SYNTHETIC account 000, quoting the invoice number.".into(),
        tax_id: "00-0000000".into(),
    };
    billing::save(&db, Some(w.admin), &form, now).await.unwrap();
    let invoice_id = checkout::confirm(&db, Some(w.owner), w.shop, plan_id, "", SITE, now).await.unwrap();
    let issued = invoices::view(&db, Some(w.owner), invoice_id).await.unwrap().payee.unwrap();
    assert_eq!(issued.postal_address, "1 Synthetic Way\nTestville, MI 48201");
    assert_eq!(issued.contact_email, "billing@example.com");

    // A later change of bank details never rewrites an invoice already issued.
    let moved =
        billing::BillingForm { payment_instructions: "Transfer to SYNTHETIC account 999.".into(), ..form };
    billing::save(&db, Some(w.admin), &moved, now).await.unwrap();
    let kept = invoices::view(&db, Some(w.owner), invoice_id).await.unwrap().payee.unwrap();
    assert_eq!(kept.payment_instructions, "Transfer to SYNTHETIC account 000, quoting the invoice number.");
    assert_eq!(
        billing::current(&db).await.unwrap().unwrap().payment_instructions,
        "Transfer to SYNTHETIC account 999."
    );
});
