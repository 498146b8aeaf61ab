//! A SYNTHETIC partnership world at scale: school programs at real ZIP centroids with their
//! needs, shops with partnerships and message threads, and one benchmark person (owner of
//! the first shop, which sits where the most programs are) with a session, so the pages a
//! shop uses most ("needs near you" on the account page, a partnership's thread) can be
//! loaded over HTTP. Rows go in with multi-row INSERTs in chunks, one transaction per table.
use chrono::{DateTime, Duration, NaiveDate, Utc};
use domain::{
    needs::{NeedKind, NeedStatus},
    orgs::{MemberRole, OrgKind, OrgStatus},
    partnerships::PartnershipStatus,
};
use entity::{app_user, need, org_member, organisation, partnership, partnership_message, zip_centroid};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};

use super::Dice;
use crate::accounts::sessions;

/// How big a world to make.
#[derive(Debug, Clone, Copy)]
pub struct Size {
    pub needs: usize,
    pub messages: usize,
    pub seed: u64,
}

/// Needs per synthetic program, and messages per partnership thread (the benchmark
/// person's own thread gets ten times as many).
const NEEDS_PER_PROGRAM: usize = 20;
const MESSAGES_PER_THREAD: usize = 100;
/// Partnerships per synthetic shop.
const PARTNERSHIPS_PER_SHOP: usize = 10;
/// Rows per INSERT: under SQLite's 32,766 bound parameters for the widest table here.
const ROWS_PER_INSERT: usize = 1_000;

/// What was made, and how to look at it.
#[derive(Debug, Clone)]
pub struct Made {
    pub programs: usize,
    pub needs: usize,
    pub shops: usize,
    pub partnerships: usize,
    pub messages: usize,
    /// The benchmark person's session token (cookie `bayline_session`).
    pub session_token: String,
    /// One of the benchmark person's partnerships: the longest thread.
    pub partnership_id: i64,
}

pub(crate) async fn insert_chunks<A>(db: &DatabaseConnection, rows: Vec<A>) -> Result<(), DbErr>
where
    A: ActiveModelTrait + Send,
{
    let txn = crate::db::begin_write(db).await?;
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<A> = rows.by_ref().take(ROWS_PER_INSERT).collect();
        <A::Entity as EntityTrait>::insert_many(chunk).exec_without_returning(&txn).await?;
    }
    txn.commit().await
}

/// Ids of the organisations whose name starts with `prefix`, oldest first.
async fn ids_named(db: &impl ConnectionTrait, prefix: &str) -> Result<Vec<i64>, DbErr> {
    organisation::Entity::find()
        .select_only()
        .column(organisation::Column::Id)
        .filter(organisation::Column::Name.starts_with(prefix))
        .order_by_asc(organisation::Column::Id)
        .into_tuple()
        .all(db)
        .await
}

fn org(
    kind: OrgKind,
    name: String,
    place: &zip_centroid::Model,
    now: DateTime<Utc>,
) -> organisation::ActiveModel {
    let school = kind != OrgKind::Shop;
    organisation::ActiveModel {
        kind: Set(kind),
        name: Set(name),
        shop_type: Set((!school).then(|| "independent_repair".into())),
        size_band: Set((!school).then(|| "5-9".into())),
        street: Set(String::new()),
        city: Set(place.city.clone()),
        state: Set(place.state.clone()),
        zip: Set(place.zip.clone()),
        latitude: Set(place.latitude),
        longitude: Set(place.longitude),
        website: Set(String::new()),
        unitid: Set(None),
        program_kinds: Set(if school { "auto".into() } else { String::new() }),
        accreditation: Set(None),
        status: Set(OrgStatus::Verified),
        status_reason: Set(String::new()),
        created_by: Set(None),
        created_at: Set(now),
        verified_at: Set(Some(now)),
        ..Default::default()
    }
}

/// One SYNTHETIC person per organisation, its owner; returns their ids in the same order.
async fn owners(
    db: &DatabaseConnection,
    tag: &str,
    orgs: &[i64],
    now: DateTime<Utc>,
) -> Result<Vec<i64>, DbErr> {
    let users = orgs.iter().map(|id| app_user::ActiveModel {
        email: Set(format!("synthetic-{tag}-{id}@example.com")),
        password_hash: Set("not a hash: SYNTHETIC benchmark account".into()),
        email_verified_at: Set(Some(now)),
        is_admin: Set(false),
        created_at: Set(now),
        display_name: Set(format!("SYNTHETIC member {id}")),
        ..Default::default()
    });
    insert_chunks(db, users.collect()).await?;
    let prefix = format!("synthetic-{tag}-");
    let mut ids = Vec::with_capacity(orgs.len());
    for org in orgs {
        let email = format!("{prefix}{org}@example.com");
        let user = app_user::Entity::find().filter(app_user::Column::Email.eq(email)).one(db).await?;
        ids.push(user.map(|u| u.id).ok_or_else(|| DbErr::RecordNotFound("a synthetic owner".into()))?);
    }
    let memberships = orgs.iter().zip(&ids).map(|(org, user)| org_member::ActiveModel {
        organisation_id: Set(*org),
        user_id: Set(*user),
        role: Set(MemberRole::Owner),
        created_at: Set(now),
    });
    insert_chunks(db, memberships.collect()).await?;
    Ok(ids)
}

/// Builds the world. Needs the ZIP centroids imported.
pub async fn generate(db: &DatabaseConnection, size: Size, now: DateTime<Utc>) -> Result<Made, DbErr> {
    let mut dice = Dice::new(size.seed);
    let tag = format!("{}-{}", size.seed, now.timestamp());
    let zips = zip_centroid::Entity::find().order_by_asc(zip_centroid::Column::Zip).all(db).await?;
    if zips.is_empty() {
        return Err(DbErr::Custom("import the ZIP centroids first (bayline import zip_centroids)".into()));
    }

    // Programs at random real ZIP centroids (denser where ZIP codes are denser).
    let program_count = size.needs.div_ceil(NEEDS_PER_PROGRAM).max(1);
    let program_places: Vec<usize> = (0..program_count).map(|_| dice.below(zips.len())).collect();
    let programs_prefix = format!("SYNTHETIC program {tag} #");
    let rows = program_places.iter().enumerate().map(|(n, place)| {
        org(OrgKind::HighSchoolProgram, format!("{programs_prefix}{n}"), &zips[*place], now)
    });
    insert_chunks(db, rows.collect()).await?;
    let programs = ids_named(db, &programs_prefix).await?;
    let program_owners = owners(db, &format!("{tag}-p"), &programs, now).await?;

    let kinds = NeedKind::ALL;
    let today = now.date_naive();
    let needs = (0..size.needs).map(|n| {
        let p = n % programs.len();
        let starts: NaiveDate = today + Duration::days(7 + (n % 60) as i64);
        need::ActiveModel {
            organisation_id: Set(programs[p]),
            kind: Set(kinds[n % kinds.len()]),
            title: Set(format!("SYNTHETIC need #{n}")),
            description: Set("SYNTHETIC: generated for a load test.".into()),
            students: Set(1 + (n % 8) as i32),
            skill_areas: Set("a1,a5".into()),
            starts_on: Set(starts),
            ends_on: Set(starts + Duration::days(60)),
            paid: Set(n % 2 == 0),
            // Nine in ten are open, as on a live site where needs get filled.
            status: Set(if n % 10 == 9 { NeedStatus::Filled } else { NeedStatus::Open }),
            created_by: Set(Some(program_owners[p])),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
    });
    insert_chunks(db, needs.collect()).await?;

    // Shops, each partnered with programs; the first shop sits at the first program's ZIP.
    let partnership_count = size.messages.div_ceil(MESSAGES_PER_THREAD).max(1);
    let shop_count = partnership_count.div_ceil(PARTNERSHIPS_PER_SHOP);
    let shops_prefix = format!("SYNTHETIC shop {tag} #");
    let rows = (0..shop_count).map(|n| {
        let place = if n == 0 { program_places[0] } else { dice.below(zips.len()) };
        org(OrgKind::Shop, format!("{shops_prefix}{n}"), &zips[place], now)
    });
    insert_chunks(db, rows.collect()).await?;
    let shops = ids_named(db, &shops_prefix).await?;
    let shop_owners = owners(db, &format!("{tag}-s"), &shops, now).await?;
    let pairs: Vec<(usize, usize)> = (0..partnership_count)
        .map(|n| {
            let shop = n / PARTNERSHIPS_PER_SHOP;
            // Distinct programs per shop: at most one running partnership per pair.
            let program = (shop * PARTNERSHIPS_PER_SHOP + n % PARTNERSHIPS_PER_SHOP) % programs.len();
            (shop, program)
        })
        .collect();
    let rows = pairs.iter().map(|(shop, program)| partnership::ActiveModel {
        shop_id: Set(shops[*shop]),
        program_id: Set(programs[*program]),
        kinds: Set(NeedKind::InternshipHosts.slug().into()),
        status: Set(PartnershipStatus::Active),
        created_by: Set(Some(shop_owners[*shop])),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    });
    insert_chunks(db, rows.collect()).await?;
    let partnership_ids: Vec<i64> = partnership::Entity::find()
        .select_only()
        .column(partnership::Column::Id)
        .filter(partnership::Column::ShopId.is_in(shops.clone()))
        .order_by_asc(partnership::Column::Id)
        .into_tuple()
        .all(db)
        .await?;

    // Messages alternate between the two sides; the benchmark thread (the first) is longest.
    let mut messages = Vec::with_capacity(size.messages);
    let long_thread = (MESSAGES_PER_THREAD * 10).min(size.messages);
    for n in 0..size.messages {
        let t = if n < long_thread { 0 } else { 1 + (n - long_thread) % (partnership_ids.len() - 1).max(1) };
        let t = t.min(partnership_ids.len() - 1);
        let (shop, program) = pairs[t];
        let author = if n % 2 == 0 { shop_owners[shop] } else { program_owners[program] };
        messages.push(partnership_message::ActiveModel {
            partnership_id: Set(partnership_ids[t]),
            author_id: Set(Some(author)),
            body: Set(format!("SYNTHETIC message #{n}: schedules, students and tools.")),
            created_at: Set(now + Duration::milliseconds(n as i64)),
            ..Default::default()
        });
        if messages.len() == 100 * ROWS_PER_INSERT {
            insert_chunks(db, std::mem::take(&mut messages)).await?;
        }
    }
    insert_chunks(db, messages).await?;

    let session = sessions::start(db, shop_owners[0], now).await?;
    Ok(Made {
        programs: programs.len(),
        needs: size.needs,
        shops: shops.len(),
        partnerships: partnership_ids.len(),
        messages: size.messages,
        session_token: session.token,
        partnership_id: partnership_ids[0],
    })
}
