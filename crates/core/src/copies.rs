//! Cards shared with this device or from it (issue 17): the data only. What goes into a
//! share, how a link is read and what changed are in `share`; this leaf module lets `family`
//! hold the copies without depending on those rules.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::profile::Child;

/// What a share carries besides the emergency card and the clinic's plan, which it always
/// carries (they are what a caregiver needs in an emergency).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SharedParts {
    /// The rest of the device card: UDI, catheter, mobility, fever protocol, activity
    /// restrictions, medical ID.
    pub device_card: bool,
    /// Every contact and the whole care team (the card itself has the pump clinic and two
    /// parents).
    pub contacts: bool,
    /// The refill history, the booked visit and the battery dates (the card itself has the
    /// last refill and the alarm date).
    pub refill_dates: bool,
}

impl SharedParts {
    /// Only what the printed emergency card shows: the one share that may go without a code.
    pub fn card_only(&self) -> bool {
        !self.device_card && !self.contacts && !self.refill_dates
    }
}

/// One child's card as shared: what the caregiver's copy is made of.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SharedCard {
    /// The format ([`SHARE_FORMAT`]).
    pub v: u32,
    /// The same for every share of this child by this family: a newer share replaces the
    /// caregiver's copy instead of adding a second one.
    pub key: String,
    /// Who shared it, as they typed their name ("Ana").
    pub sharer: String,
    #[serde(deserialize_with = "crate::dates::de_date")]
    pub shared_on: NaiveDate,
    /// The sharer's review period: a copy older than this says it may be out of date.
    pub review_days: u32,
    pub parts: SharedParts,
    /// The child as shared (no id, no colour of the sharer's, no share key).
    pub child: Child,
}

/// A shared card kept on a caregiver's device: never one of the family's own children, never
/// edited there, replaced only by a newer share of the same card.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SharedCopy {
    pub card: SharedCard,
    #[serde(deserialize_with = "crate::dates::de_date")]
    pub kept_on: NaiveDate,
}
