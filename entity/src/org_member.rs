//! A person's role in an organisation (`owner` or `member`). Stored in the table `membership`;
//! named `org_member` in code so it is not confused with a paid membership plan.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "membership")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub organisation_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: i64,
    pub role: domain::orgs::MemberRole,
    pub created_at: ChronoDateTimeUtc,
}

crate::belongs_to! { Organisation: OrganisationId -> organisation related, AppUser: UserId -> app_user related }

impl ActiveModelBehavior for ActiveModel {}
