//! Platform effects behind small interfaces: storage, the clock, where files live.
//! Views and `core` never use `#[cfg(target_...)]`; the differences live here.

pub mod clock;
pub mod export;
pub mod notify;
pub mod store;
