//! Platform effects behind small interfaces: storage, the clock, where files live.
//! Views and `core` never use `#[cfg(target_...)]`; the differences live here.

pub mod clock;
#[cfg(not(target_arch = "wasm32"))]
pub mod deliver;
pub mod export;
pub mod notify;
pub mod store;
