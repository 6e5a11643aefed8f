//! Widgets shared by several screens.

mod card_form;
mod child_badge;
mod cited;
mod shell;

pub use card_form::CardFormView;
pub use child_badge::ChildBadge;
pub use cited::{CitedItem, SourceIds};
pub use shell::Shell;
