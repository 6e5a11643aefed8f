//! Everything that renders: one file per screen in `views`, shared widgets in `components`.

pub mod components;
pub mod format;
pub mod forms;
pub mod views;
