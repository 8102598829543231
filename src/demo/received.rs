//! The demo's received hand-over: the MASH sent its own version of the demo household while the
//! household was already here, so it waits beside it as a conflict to review field by field. The
//! MASH's copy has a newer case reference, the mother's new phone number, Oskar's new class and
//! one entry the MASH recorded that is not in this vault's chronology.

use crate::assessment::{Household, Id, Practitioner};
use crate::chronology::{Chronology, ChronologyEntry, EntryDate, Impact, Source};
use crate::handover::{HandoverDoc, Received, Sender, HANDOVER_FORMAT, HANDOVER_FORMAT_VERSION};
use crate::Entropy;
use chrono::{DateTime, Duration, Utc};

/// The received record of the demo household, with the MASH's version kept as a conflict.
pub fn received_conflict(
    h: &Household,
    chronology: &Chronology,
    now: DateTime<Utc>,
    rng: &mut dyn Entropy,
) -> Received {
    let mut theirs = h.clone();
    theirs.reference = format!("{}-MASH (fictional)", h.reference.trim());
    if let Some(c) = theirs.carers.first_mut() {
        c.phone = "07700 900 456".into();
    }
    if let Some(c) = theirs.children.get_mut(1) {
        c.setting = "Sample Street Primary, Year 1 (fictional)".into();
    }
    let mut entries = chronology.entries.clone();
    entries.push(ChronologyEntry {
        id: Id::generate(rng),
        date: EntryDate::Day((now - Duration::days(20)).date_naive()),
        event: "Police notification shared with the MASH after a neighbour reported shouting."
            .into(),
        category: "police-call-out".into(),
        source: Source {
            agency: "Exampletown MASH (fictional)".into(),
            role: "MASH social worker".into(),
        },
        children: Vec::new(),
        impact: Impact::NotKnown,
        impact_note: "The children were asleep; not spoken to.".into(),
        action: "Information shared with the health visitor; no further action by the MASH.".into(),
    });
    let mut key = [0u8; 32];
    rng.fill(&mut key);
    let public_key = crate::handover::public_key(&crate::handover::secret_key_text(&key))
        .expect("a key just made reads");
    let sender = Sender {
        public_key,
        practitioner: Practitioner {
            name: "Priya Example".into(),
            role: "MASH social worker".into(),
            agency: "Exampletown MASH (fictional)".into(),
            phone: "0115 496 0000".into(),
            email: "mash@example.invalid".into(),
        },
    };
    let received_at = now - Duration::hours(2);
    Received {
        household_id: h.id.clone(),
        household_name: h.name.clone(),
        sender: sender.clone(),
        received_at,
        conflict: Some(HandoverDoc {
            format: HANDOVER_FORMAT.into(),
            format_version: HANDOVER_FORMAT_VERSION,
            exported_at: received_at - Duration::minutes(30),
            sender,
            definitions: Vec::new(),
            household: theirs,
            assessments: Vec::new(),
            chronology: entries,
        }),
    }
}
