//! In-memory slots, for tests.

use std::cell::RefCell;
use std::collections::BTreeMap;

use super::Slots;

#[derive(Default)]
pub struct MemorySlots {
    pub slots: RefCell<BTreeMap<String, Vec<u8>>>,
}

impl Slots for MemorySlots {
    fn read(&self, name: &str) -> Result<Option<Vec<u8>>, String> {
        Ok(self.slots.borrow().get(name).cloned())
    }

    fn write_atomic(&self, name: &str, bytes: &[u8]) -> Result<(), String> {
        self.slots
            .borrow_mut()
            .insert(name.to_string(), bytes.to_vec());
        Ok(())
    }

    fn rename(&self, from: &str, to: &str) -> Result<(), String> {
        let mut slots = self.slots.borrow_mut();
        if let Some(bytes) = slots.remove(from) {
            slots.insert(to.to_string(), bytes);
        }
        Ok(())
    }

    fn exists(&self, name: &str) -> bool {
        self.slots.borrow().contains_key(name)
    }

    fn location(&self, name: &str) -> String {
        format!("memory:{name}")
    }
}
