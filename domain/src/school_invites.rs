//! Inviting a school from an imported list to Bayline: a verified shop's members send one
//! e-mail to the address the list gives (never shown to anyone) or print a letter, and the
//! listing's public page says how many shops have invited it. What the pages show of it.
use serde::{Deserialize, Serialize};

use crate::{ProgramKind, schools::SchoolLevel, vocabulary};

vocabulary! {
    stored
    /// How a shop invited a school.
    InviteChannel {
        Email => ("email", "By e-mail"),
        Letter => ("letter", "By letter"),
    }
}

/// A listing's public page: its facts, where they came from, whether it is on Bayline now,
/// and, for a member of verified shops, what each of their shops can still do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListingPage {
    pub id: i64,
    pub name: String,
    pub city: String,
    pub state: String,
    pub level: SchoolLevel,
    pub kinds: Vec<ProgramKind>,
    pub source: String,
    pub source_line: u32,
    /// The point is the ZIP code's centroid (the list gave no coordinates).
    pub located_by_zip: bool,
    /// The organisation that took the listing over (its id and name), once claimed.
    pub claimed_by: Option<(i64, String)>,
    /// How many shops have invited the school, by any channel.
    pub shops_invited: u64,
    /// The list gives an e-mail address for the school (the address itself is never shown).
    pub has_address: bool,
    /// The viewer's verified shops and their invitations (empty for everyone else).
    pub my_shops: Vec<ShopInvites>,
}

/// One of the viewer's verified shops and how it has invited the school so far.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShopInvites {
    pub shop_id: i64,
    pub shop_name: String,
    /// When the shop e-mailed the school (`YYYY-MM-DD`, UTC), if it did.
    pub emailed_on: Option<String>,
    /// When the shop first made its printable letter, if it did.
    pub letter_on: Option<String>,
}

/// A printable invitation letter from a shop to a listed school.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InviteLetter {
    pub listing_id: i64,
    pub school_name: String,
    /// The school's address lines (street when the list gives one, then city, state, ZIP).
    pub school_address: Vec<String>,
    pub shop_name: String,
    pub shop_address: Vec<String>,
    /// The address that adds the school to Bayline, written out.
    pub claim_url: String,
    /// The day the letter is dated (`Month D, YYYY`).
    pub dated: String,
}
