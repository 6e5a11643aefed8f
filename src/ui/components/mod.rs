//! Widgets shared by several screens.

mod card_form;
mod child_badge;
mod cited;
mod recall_check;
mod shell;

pub use card_form::CardFormView;
pub use child_badge::ChildBadge;
pub use cited::{CitedItem, SourceIds};
pub use recall_check::{DeviceLookup, RecallCheck};
pub use shell::Shell;
