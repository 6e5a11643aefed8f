//! Widgets shared by several screens.

mod child_badge;
mod cited;
mod shell;

pub use child_badge::ChildBadge;
pub use cited::{CitedItem, SourceIds};
pub use shell::Shell;
