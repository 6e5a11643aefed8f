//! localStorage slots for the web build. setItem replaces a key's value at once.

use super::Slots;

const PREFIX: &str = "itb-companion/";

pub struct WebSlots;

fn storage() -> Result<web_sys::Storage, String> {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .ok_or_else(|| "this browser does not allow saving (private mode?)".to_string())
}

impl Slots for WebSlots {
    fn read(&self, name: &str) -> Result<Option<Vec<u8>>, String> {
        storage()?
            .get_item(&format!("{PREFIX}{name}"))
            .map(|v| v.map(String::into_bytes))
            .map_err(|_| "could not read this browser's storage".to_string())
    }

    fn write_atomic(&self, name: &str, bytes: &[u8]) -> Result<(), String> {
        let text = String::from_utf8_lossy(bytes);
        storage()?
            .set_item(&format!("{PREFIX}{name}"), &text)
            .map_err(|_| {
                "this browser's storage is full or blocked: the change was not saved".to_string()
            })
    }

    fn rename(&self, from: &str, to: &str) -> Result<(), String> {
        let storage = storage()?;
        let from_key = format!("{PREFIX}{from}");
        if let Ok(Some(value)) = storage.get_item(&from_key) {
            storage
                .set_item(&format!("{PREFIX}{to}"), &value)
                .map_err(|_| "this browser's storage is full".to_string())?;
            let _ = storage.remove_item(&from_key);
        }
        Ok(())
    }

    fn exists(&self, name: &str) -> bool {
        storage()
            .ok()
            .and_then(|s| s.get_item(&format!("{PREFIX}{name}")).ok().flatten())
            .is_some()
    }

    fn location(&self, name: &str) -> String {
        format!("this browser's storage (key \"{PREFIX}{name}\")")
    }
}

/// Asks the browser to keep our data (not evict it under storage pressure). Resolves to
/// whether persistence is granted.
pub async fn request_persistence() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let manager = window.navigator().storage();
    let Ok(promise) = manager.persist() else {
        return false;
    };
    matches!(
        wasm_bindgen_futures::JsFuture::from(promise).await,
        Ok(v) if v.as_bool() == Some(true)
    )
}
