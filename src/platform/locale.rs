//! The device's locale, for the order of a date's day and month (`words::date`).

use crate::core::dates::DateOrder;

/// From the browser's language on the web, or the POSIX locale variables elsewhere
/// (LC_ALL, then LC_TIME, then LANG, as the C library reads them). Day first when unknown.
pub fn date_order() -> DateOrder {
    #[cfg(target_arch = "wasm32")]
    {
        let tag = web_sys::window().and_then(|w| w.navigator().language());
        DateOrder::from_locale(tag.as_deref().unwrap_or(""))
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let tag = ["LC_ALL", "LC_TIME", "LANG"]
            .iter()
            .filter_map(|v| std::env::var(v).ok())
            .find(|v| !v.is_empty())
            .unwrap_or_default();
        DateOrder::from_locale(&tag)
    }
}
