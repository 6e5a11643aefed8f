//! One family's data: the children's cards and the family's settings, and the changes that
//! keep each child's identity (ids never reused, a colour kept).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::profile::{Child, CHILD_COLOURS};

/// One family's data: one or more children, and the family's settings.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Family {
    #[serde(default)]
    pub children: Vec<Child>,
    #[serde(default)]
    pub settings: FamilySettings,
    /// Counts the saves of this family. A window saves only over the revision it loaded, so
    /// two tabs never overwrite each other's changes unseen (0 for a family never saved).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub revision: u64,
    /// Cards other families shared with this device (issue 17): read-only copies, kept apart
    /// from this family's own children and never edited here.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub shared_copies: Vec<super::copies::SharedCopy>,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FamilySettings {
    pub reminders: super::countdown::ReminderSettings,
    /// The number every "call 911" label and tel: link uses (112, 999, 000 elsewhere).
    pub emergency_number: String,
    /// Reminders already delivered (by key), so each arrives once.
    pub delivered_reminders: std::collections::BTreeSet<String>,
    /// The last successful recall check per pump model, for offline use.
    pub recall_cache: Vec<super::recalls::RecallCache>,
    /// Check for recalls once a week when the app opens (opt-in, off by default).
    pub auto_recall_check: bool,
    #[serde(deserialize_with = "crate::dates::de_opt_date")]
    pub last_auto_recall_check: Option<NaiveDate>,
    /// The drug label's boxed warning as last fetched [L1].
    pub boxed_warning: Option<super::recalls::BoxedWarning>,
    /// How long to watch for overdose signs after a refill or a dose change (§5: the team's
    /// choice of 72 hours; the clinic's plan, if it says otherwise, wins).
    pub overdose_watch_hours: u32,
    /// The calendar's dates as last exported (`ics::calendar_dates`): when the family's dates
    /// move away from them, Home offers "Update your calendar" (issue 16.4).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub calendar_dates: Option<String>,
    /// The name shown to the people this family shares cards with ("shared by Ana").
    #[serde(skip_serializing_if = "String::is_empty")]
    pub sharer_name: String,
}

impl Default for FamilySettings {
    fn default() -> Self {
        FamilySettings {
            reminders: Default::default(),
            emergency_number: "911".into(),
            delivered_reminders: Default::default(),
            recall_cache: Vec::new(),
            auto_recall_check: false,
            last_auto_recall_check: None,
            boxed_warning: None,
            overdose_watch_hours: 72,
            calendar_dates: None,
            sharer_name: String::new(),
        }
    }
}

impl Family {
    pub fn child(&self, id: u64) -> Option<&Child> {
        self.children.iter().find(|c| c.id == id)
    }

    /// A fresh id: one above the highest, or (for a file whose ids reach the top of the
    /// range) the smallest unused one. Never overflows.
    fn next_id(&self) -> u64 {
        let highest = self.children.iter().map(|c| c.id).max().unwrap_or(0);
        highest.checked_add(1).unwrap_or_else(|| {
            (1..)
                .find(|id| self.child(*id).is_none())
                .expect("fewer children than ids")
        })
    }

    fn free_colour(&self) -> usize {
        (0..CHILD_COLOURS.len())
            .find(|i| !self.children.iter().any(|c| c.colour == *i))
            .unwrap_or(self.children.len() % CHILD_COLOURS.len())
    }

    /// Adds a child with only a name (used by tests and quick starts).
    pub fn add_child(&mut self, name: &str) -> u64 {
        let child = Child {
            name: name.trim().to_string(),
            ..Child::default()
        };
        self.save_child(child, None)
    }

    /// Inserts a new child (id 0) or replaces the child with the same id, stamping
    /// `last_updated` with `today`. A new child gets a fresh id and its own colour.
    pub fn save_child(&mut self, mut child: Child, today: Option<NaiveDate>) -> u64 {
        if today.is_some() {
            child.last_updated = today;
        }
        if let Some(existing) = self
            .children
            .iter_mut()
            .find(|c| c.id == child.id && c.id != 0)
        {
            child.colour = existing.colour;
            *existing = child;
            return existing.id;
        }
        child.id = self.next_id();
        child.colour = self.free_colour();
        let id = child.id;
        self.children.push(child);
        id
    }

    /// Removes a child and returns it with its position, so the shell can offer undo.
    pub fn remove_child(&mut self, id: u64) -> Option<(usize, Child)> {
        let index = self.children.iter().position(|c| c.id == id)?;
        Some((index, self.children.remove(index)))
    }

    /// Puts a removed child back where it was (undo). Refuses if the id came back meanwhile.
    pub fn restore_child(&mut self, index: usize, child: Child) -> bool {
        if self.child(child.id).is_some() {
            return false;
        }
        let index = index.min(self.children.len());
        self.children.insert(index, child);
        true
    }
}
