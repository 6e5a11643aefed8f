//! The family's device cards: who the children are. (The full card with pump, drug and
//! contacts grows here; this holds what the shell needs to say whose data is shown.)

use serde::{Deserialize, Serialize};

/// One family's data: one or more children.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Family {
    pub children: Vec<Child>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Child {
    /// Stable identifier (never reused), so a card is never shown under another child.
    pub id: u64,
    pub name: String,
    /// Index into [`CHILD_COLOURS`], chosen for this child and kept.
    pub colour: usize,
}

/// Badge colours for telling children apart. Each passes WCAG AA (>= 4.5:1) with white text.
pub const CHILD_COLOURS: [&str; 6] = [
    "#1d4ed8", // blue
    "#7e22ce", // purple
    "#047857", // green
    "#b45309", // amber (dark)
    "#be185d", // pink
    "#0e7490", // teal
];

impl Child {
    /// The initial shown in the child's badge: first letter of the name, upper-cased.
    pub fn initial(&self) -> String {
        self.name
            .trim()
            .chars()
            .next()
            .map(|c| c.to_uppercase().collect())
            .unwrap_or_else(|| "?".to_string())
    }

    pub fn colour_hex(&self) -> &'static str {
        CHILD_COLOURS[self.colour % CHILD_COLOURS.len()]
    }
}

impl Family {
    pub fn child(&self, id: u64) -> Option<&Child> {
        self.children.iter().find(|c| c.id == id)
    }

    /// Adds a child with the next free id and the first colour not yet used.
    pub fn add_child(&mut self, name: &str) -> u64 {
        let id = self.children.iter().map(|c| c.id).max().unwrap_or(0) + 1;
        let colour = (0..CHILD_COLOURS.len())
            .find(|i| !self.children.iter().any(|c| c.colour == *i))
            .unwrap_or(self.children.len() % CHILD_COLOURS.len());
        self.children.push(Child {
            id,
            name: name.trim().to_string(),
            colour,
        });
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initial_is_first_letter_upper_cased() {
        let mut family = Family::default();
        let id = family.add_child("  élodie ");
        assert_eq!(family.child(id).unwrap().initial(), "É");
        assert_eq!(family.child(id).unwrap().name, "élodie");
    }

    #[test]
    fn each_child_gets_its_own_id_and_colour() {
        let mut family = Family::default();
        let a = family.add_child("Maya");
        let b = family.add_child("Sam");
        assert_ne!(a, b);
        assert_ne!(
            family.child(a).unwrap().colour,
            family.child(b).unwrap().colour
        );
    }
}
