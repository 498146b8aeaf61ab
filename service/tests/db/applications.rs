//! A shop answers a student, on both databases: the conversation is the student's and the
//! shop's members' alone (nobody else learns it exists), the student's e-mail address never
//! reaches the shop, statuses reach "My applications", both sides are told, a block holds on
//! every opening of the shop and across a late change, a withdrawal closes the conversation
//! for the shop, double and concurrent submissions change things once, and moderation hides
//! a reported message. People, shops and schools are SYNTHETIC (`service::synthetic::world`);
//! the ZIP centroid is the real GeoNames row.
use chrono::Utc;
use domain::openings::{ApplicationStatus, ConversationSide};
use entity::{app_user, application_message, email_outbox, notification, opening_interest};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter};
use service::{
    Ctx,
    authz::Actor,
    db_test,
    error::ServiceError,
    moderation::{actions, report},
    openings::{
        conversation::{self, UNNAMED_STUDENT},
        interest::{self, InterestForm},
        post::{self, OpeningForm},
    },
    synthetic::world::{self, World},
    testing::add_real_zips,
};

const SITE: &str = "http://localhost";

async fn build(db: &DatabaseConnection) -> World {
    add_real_zips(db, &["48201"]).await;
    world::build(db, 910001, Utc::now()).await.unwrap()
}

async fn email_of(db: &DatabaseConnection, actor: Actor) -> String {
    app_user::Entity::find_by_id(actor.user_id).one(db).await.unwrap().unwrap().email
}

async fn mails_to(db: &DatabaseConnection, actor: Actor) -> Vec<email_outbox::Model> {
    let email = email_of(db, actor).await;
    email_outbox::Entity::find().filter(email_outbox::Column::Recipient.eq(email)).all(db).await.unwrap()
}

async fn notices_of(db: &DatabaseConnection, actor: Actor) -> Vec<notification::Model> {
    notification::Entity::find().filter(notification::Column::UserId.eq(actor.user_id)).all(db).await.unwrap()
}

async fn messages(db: &DatabaseConnection, interest_id: i64) -> u64 {
    application_message::Entity::find()
        .filter(application_message::Column::InterestId.eq(interest_id))
        .count(db)
        .await
        .unwrap()
}

async fn post(db: &DatabaseConnection, who: Actor, id: i64, body: &str) -> Result<i64, ServiceError> {
    conversation::post(db, Some(who), id, body, "", SITE, Utc::now()).await
}

db_test!(only_the_student_and_the_shop_read_a_conversation, |db: DatabaseConnection| async move {
    let w = build(&db).await;
    let p = w.people;
    let student_email = email_of(&db, p.student).await;

    let theirs = conversation::page(&db, Some(p.student), w.interest).await.unwrap();
    assert_eq!(theirs.side, ConversationSide::Student);
    assert_eq!(theirs.messages.len(), 1, "the shop's answer");
    assert!(theirs.messages[0].from_shop && theirs.messages[0].author.ends_with(&theirs.shop_name));
    assert_eq!(
        theirs.status,
        ApplicationStatus::Contacted,
        "a shop's first message moves a new application on"
    );

    for member in [p.shop_member, p.shop_owner] {
        let shop_side = conversation::page(&db, Some(member), w.interest).await.unwrap();
        assert_eq!(shop_side.side, ConversationSide::Shop);
        assert_eq!(shop_side.student_label, "SYNTHETIC Student", "the name the student shared");
        let everything = format!("{shop_side:?}");
        assert!(!everything.contains(&student_email), "the student's address never reaches the shop");
    }
    // Everyone else is told nothing exists: instructors (even of the program the student
    // named), admins, and a message or status sent by them changes nothing.
    for outsider in [p.instructor_a, p.instructor_b, p.admin] {
        assert!(matches!(
            conversation::page(&db, Some(outsider), w.interest).await,
            Err(ServiceError::NotFound)
        ));
        assert!(matches!(post(&db, outsider, w.interest, "hello").await, Err(ServiceError::NotFound)));
        let status =
            conversation::set_status(&db, Some(outsider), w.interest, "hired", SITE, Utc::now()).await;
        assert!(matches!(status, Err(ServiceError::NotFound)));
    }
    assert!(matches!(conversation::page(&db, None, w.interest).await, Err(ServiceError::SignInRequired)));
    assert!(matches!(conversation::page(&db, Some(p.student), 987_654).await, Err(ServiceError::NotFound)));
    assert_eq!(messages(&db, w.interest).await, 1);
    // The student cannot set their own status, and the shop cannot block itself.
    let own = conversation::set_status(&db, Some(p.student), w.interest, "hired", SITE, Utc::now()).await;
    assert!(matches!(own, Err(ServiceError::Forbidden)));
    assert!(matches!(
        conversation::block(&db, Some(p.shop_owner), w.interest, Utc::now()).await,
        Err(ServiceError::Forbidden)
    ));
});

db_test!(an_unnamed_student_is_a_student_to_the_shop, |db: DatabaseConnection| async move {
    let w = build(&db).await;
    let form = OpeningForm {
        kind: "entry_level_job".into(),
        title: "SYNTHETIC lube technician".into(),
        pay_min: "16".into(),
        pay_max: "18".into(),
        pay_period: "hourly".into(),
        schedule: "full_time".into(),
        zip: "48201".into(),
        ..Default::default()
    };
    let opening =
        post::create(&db, Some(w.people.shop_owner), w.verified_shop, &form, Utc::now()).await.unwrap();
    let shared =
        InterestForm { share_certifications: true, certifications: vec!["a5".into()], ..Default::default() };
    let id =
        interest::express(&db, Some(w.people.student), opening, &shared, SITE, Utc::now()).await.unwrap();
    post(&db, w.people.student, id, "SYNTHETIC: I can start in June.").await.unwrap();
    let shop_side = conversation::page(&db, Some(w.people.shop_member), id).await.unwrap();
    assert_eq!(shop_side.student_label, UNNAMED_STUDENT);
    assert_eq!(shop_side.messages[0].author, UNNAMED_STUDENT);
    assert_eq!(shop_side.status, ApplicationStatus::New, "a student's own message moves nothing");
});

db_test!(status_and_messages_reach_the_other_side, |db: DatabaseConnection| async move {
    let w = build(&db).await;
    let p = w.people;
    let before = (mails_to(&db, p.student).await.len(), notices_of(&db, p.student).await.len());

    let set =
        conversation::set_status(&db, Some(p.shop_member), w.interest, "interview", SITE, Utc::now()).await;
    assert_eq!(set.unwrap(), ApplicationStatus::Interview);
    let mine = interest::mine(&db, Some(p.student)).await.unwrap();
    assert_eq!((mine[0].id, mine[0].status, mine[0].messages), (w.interest, ApplicationStatus::Interview, 1));
    let notices = notices_of(&db, p.student).await;
    assert_eq!(notices.len(), before.1 + 1);
    let last = notices.last().unwrap();
    assert_eq!(
        (last.topic.as_str(), last.link.clone()),
        ("applications", format!("/applications/{}", w.interest))
    );
    assert!(last.title.contains("Interview"));
    assert_eq!(mails_to(&db, p.student).await.len(), before.0 + 1, "and by e-mail");

    // Setting the same status again tells nobody again.
    conversation::set_status(&db, Some(p.shop_owner), w.interest, "interview", SITE, Utc::now())
        .await
        .unwrap();
    assert_eq!(notices_of(&db, p.student).await.len(), before.1 + 1);
    let bogus =
        conversation::set_status(&db, Some(p.shop_owner), w.interest, "astronaut", SITE, Utc::now()).await;
    assert!(matches!(bogus, Err(ServiceError::Invalid { field: "status", .. })));

    // The student writes back: every member of the shop is told; the e-mail quotes nothing.
    let secret = "SYNTHETIC: my phone is 555-0100";
    let owner_mail = mails_to(&db, p.shop_owner).await.len();
    post(&db, p.student, w.interest, secret).await.unwrap();
    for member in [p.shop_owner, p.shop_member] {
        let notice = notices_of(&db, member).await.pop().unwrap();
        assert_eq!(notice.link, format!("/applications/{}", w.interest));
    }
    let mails = mails_to(&db, p.shop_owner).await;
    assert_eq!(mails.len(), owner_mail + 1);
    assert!(!mails.last().unwrap().body_text.contains("555-0100"), "the e-mail only links to Bayline");
    let shop_side = conversation::page(&db, Some(p.shop_member), w.interest).await.unwrap();
    assert_eq!(shop_side.messages.last().unwrap().body, secret);

    // Interest lists carry the status and the conversation's size.
    let listed = interest::for_opening(&db, Some(p.shop_owner), w.opening).await.unwrap();
    assert_eq!(
        (listed[0].status, listed[0].messages, listed[0].blocked),
        (ApplicationStatus::Interview, 2, false)
    );

    assert!(matches!(
        post(&db, p.student, w.interest, "   ").await,
        Err(ServiceError::Invalid { field: "body", .. })
    ));
    let long = "x".repeat(conversation::MAX_MESSAGE + 1);
    assert!(matches!(
        post(&db, p.student, w.interest, &long).await,
        Err(ServiceError::Invalid { field: "body", .. })
    ));
});

db_test!(a_blocked_shop_cannot_message_the_student_on_any_opening, |db: DatabaseConnection| async move {
    let w = build(&db).await;
    let p = w.people;
    conversation::block(&db, Some(p.student), w.interest, Utc::now()).await.unwrap();
    conversation::block(&db, Some(p.student), w.interest, Utc::now()).await.unwrap();
    let refused = post(&db, p.shop_owner, w.interest, "SYNTHETIC: are you there?").await;
    assert!(matches!(refused, Err(ServiceError::Conflict(_))), "{refused:?}");
    assert!(conversation::page(&db, Some(p.shop_member), w.interest).await.unwrap().blocked);
    assert!(!conversation::page(&db, Some(p.shop_member), w.interest).await.unwrap().can_post());
    // A status still records where things stand, but tells the student nothing.
    let told = notices_of(&db, p.student).await.len();
    conversation::set_status(&db, Some(p.shop_owner), w.interest, "not_selected", SITE, Utc::now())
        .await
        .unwrap();
    assert_eq!(notices_of(&db, p.student).await.len(), told);
    // The block is on the shop, so a later opening of the same shop is covered too.
    let form = OpeningForm {
        kind: "internship".into(),
        title: "SYNTHETIC winter internship".into(),
        pay_min: "17".into(),
        pay_max: "19".into(),
        pay_period: "hourly".into(),
        schedule: "part_time".into(),
        zip: "48201".into(),
        ..Default::default()
    };
    let later = post::create(&db, Some(p.shop_owner), w.verified_shop, &form, Utc::now()).await.unwrap();
    let shared = InterestForm { share_name: true, name: "SYNTHETIC Student".into(), ..Default::default() };
    let second = interest::express(&db, Some(p.student), later, &shared, SITE, Utc::now()).await.unwrap();
    assert!(matches!(
        post(&db, p.shop_member, second, "SYNTHETIC: hello").await,
        Err(ServiceError::Conflict(_))
    ));
    // The student may still write, and unblocking lets the shop answer again.
    post(&db, p.student, second, "SYNTHETIC: actually, hello").await.unwrap();
    conversation::unblock(&db, Some(p.student), w.interest).await.unwrap();
    post(&db, p.shop_member, second, "SYNTHETIC: hello again").await.unwrap();
    assert_eq!(messages(&db, second).await, 2);
});

db_test!(withdrawing_closes_the_conversation_for_the_shop, |db: DatabaseConnection| async move {
    let w = build(&db).await;
    let p = w.people;
    interest::withdraw(&db, Some(p.student), w.opening, Utc::now()).await.unwrap();
    for member in [p.shop_owner, p.shop_member] {
        assert!(matches!(
            conversation::page(&db, Some(member), w.interest).await,
            Err(ServiceError::NotFound)
        ));
        assert!(matches!(
            post(&db, member, w.interest, "SYNTHETIC: wait").await,
            Err(ServiceError::NotFound)
        ));
    }
    let theirs = conversation::page(&db, Some(p.student), w.interest).await.unwrap();
    assert!(theirs.withdrawn && !theirs.can_post());
    assert!(matches!(
        post(&db, p.student, w.interest, "SYNTHETIC: hi").await,
        Err(ServiceError::Conflict(_))
    ));
    assert!(interest::mine(&db, Some(p.student)).await.unwrap().is_empty());

    // Applying again starts over: new, and the shop sees it again.
    let shared = InterestForm { share_name: true, name: "SYNTHETIC Student".into(), ..Default::default() };
    interest::express(&db, Some(p.student), w.opening, &shared, SITE, Utc::now()).await.unwrap();
    let row = opening_interest::Entity::find_by_id(w.interest).one(&db).await.unwrap().unwrap();
    assert_eq!((row.status, row.status_changed_at), (ApplicationStatus::New, None));
    assert!(conversation::page(&db, Some(p.shop_owner), w.interest).await.is_ok());
});

db_test!(double_and_concurrent_submissions_change_things_once, |db: DatabaseConnection| async move {
    let w = build(&db).await;
    let p = w.people;
    let key = service::submissions::new_key();
    let sends: Vec<_> = (0..6)
        .map(|_| {
            let (db, key, interest) = (db.clone(), key.clone(), w.interest);
            tokio::spawn(async move {
                conversation::post(&db, Some(p.student), interest, "SYNTHETIC: once", &key, SITE, Utc::now())
                    .await
            })
        })
        .collect();
    let mut ids = Vec::new();
    for send in sends {
        ids.push(send.await.unwrap().unwrap());
    }
    assert!(ids.iter().all(|id| *id == ids[0]), "one message, every answer names it: {ids:?}");
    assert_eq!(messages(&db, w.interest).await, 2);

    // Two members set the same status at once: the student is told once.
    let told = notices_of(&db, p.student).await.len();
    let sets = [p.shop_owner, p.shop_member].map(|member| {
        let (db, interest) = (db.clone(), w.interest);
        tokio::spawn(async move {
            conversation::set_status(&db, Some(member), interest, "offer", SITE, Utc::now()).await
        })
    });
    for set in sets {
        assert_eq!(set.await.unwrap().unwrap(), ApplicationStatus::Offer);
    }
    assert_eq!(notices_of(&db, p.student).await.len(), told + 1);
});

db_test!(a_reported_message_is_hidden_by_a_moderator, |db: DatabaseConnection| async move {
    let w = build(&db).await;
    let p = w.people;
    let id = w.application_message.to_string();
    // Outsiders cannot report what they cannot see (nor learn that it exists).
    for outsider in [p.instructor_a, p.instructor_b] {
        let ctx = Ctx::new(Some(outsider), SITE, Utc::now());
        let filed = report::file(&db, &ctx, "application_message", &id, "unsafe", "").await;
        assert!(matches!(filed, Err(ServiceError::NotFound)), "{filed:?}");
    }
    let ctx = Ctx::new(Some(p.student), SITE, Utc::now());
    assert!(
        report::file(&db, &ctx, "application_message", &id, "unsafe", "SYNTHETIC").await.unwrap().created
    );
    let queue = service::moderation::queue::open_items(&db, Some(p.admin)).await.unwrap();
    let item = queue.iter().find(|i| i.target_id == w.application_message).expect("in the queue");
    assert_eq!(item.organisation_id, Some(w.verified_shop), "a shop's message is the shop's to answer for");
    actions::hide(&db, Some(p.admin), "application_message", &id, SITE, Utc::now()).await.unwrap();
    for reader in [p.student, p.shop_member] {
        let page = conversation::page(&db, Some(reader), w.interest).await.unwrap();
        assert!(page.messages[0].hidden && page.messages[0].body.is_empty());
    }
});
