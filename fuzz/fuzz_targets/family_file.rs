//! The stored-file loader: any bytes decode to a family or a clear error, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(file) = itb_companion::core::storefile::decode(data) {
        // A file that loads must save and load back identically.
        let bytes = itb_companion::core::storefile::encode(&file.family, file.kind);
        let again = itb_companion::core::storefile::decode(&bytes).expect("re-encoded file loads");
        assert_eq!(again.family, file.family);
    }
});
