//! The join state of a device, from the seed document's table:
//!
//! | AzureAdJoined | EnterpriseJoined | DomainJoined | State |
//! |---|---|---|---|
//! | YES | NO | NO | Microsoft Entra joined |
//! | NO | NO | YES | Domain joined |
//! | YES | NO | YES | Microsoft Entra hybrid joined |
//! | NO | YES | YES | On-premises DRS joined |
//!
//! plus `registered` (only WorkplaceJoined), `not_joined`, `inconsistent` (a combination the table
//! rules out) and `unknown` (no Device State in the input).

use alloc::vec::Vec;
use core::fmt;

use crate::model::Doc;
use crate::value::Value;

/// The join state of a device.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum JoinState {
    /// Microsoft Entra joined: AzureAdJoined YES, EnterpriseJoined NO, DomainJoined NO.
    EntraJoined,
    /// Microsoft Entra hybrid joined: AzureAdJoined YES, DomainJoined YES.
    HybridJoined,
    /// Domain joined only: DomainJoined YES, the others NO.
    DomainJoined,
    /// On-premises DRS joined: EnterpriseJoined YES, DomainJoined YES.
    DrsJoined,
    /// Microsoft Entra registered only: nothing joined, WorkplaceJoined YES.
    Registered,
    /// Neither joined nor registered.
    NotJoined,
    /// A combination the table rules out (e.g. AzureAdJoined and EnterpriseJoined both YES).
    Inconsistent,
    /// The input has no readable Device State.
    Unknown,
}

/// The words for one join state, in one table for every report, page and export.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Phrases {
    /// The snake_case name used in JSON (`hybrid_joined`).
    pub name: &'static str,
    /// A short label, for a diagram or a table cell (`hybrid joined`).
    pub label: &'static str,
    /// The opening of a verdict (`Microsoft Entra hybrid joined`).
    pub title: &'static str,
    /// A plain-words description (`domain joined (not joined to Microsoft Entra ID)`).
    pub describe: &'static str,
}

const fn phrases(
    name: &'static str,
    label: &'static str,
    title: &'static str,
    describe: &'static str,
) -> Phrases {
    Phrases {
        name,
        label,
        title,
        describe,
    }
}

/// Every state's words, in [`JoinState`] order.
const PHRASES: [Phrases; 8] = [
    phrases(
        "entra_joined",
        "Entra joined",
        "Microsoft Entra joined",
        "Microsoft Entra joined",
    ),
    phrases(
        "hybrid_joined",
        "hybrid joined",
        "Microsoft Entra hybrid joined",
        "Microsoft Entra hybrid joined",
    ),
    phrases(
        "domain_joined",
        "domain joined only",
        "Domain joined only (not hybrid joined)",
        "domain joined (not joined to Microsoft Entra ID)",
    ),
    phrases(
        "drs_joined",
        "DRS joined",
        "On-premises DRS joined",
        "on-premises DRS joined",
    ),
    phrases(
        "registered",
        "registered",
        "Microsoft Entra registered only",
        "Microsoft Entra registered only",
    ),
    phrases(
        "not_joined",
        "not joined",
        "Not joined and not registered",
        "not joined and not registered",
    ),
    phrases(
        "inconsistent",
        "inconsistent state",
        "Join state inconsistent",
        "inconsistent: a combination the join table rules out",
    ),
    phrases(
        "unknown",
        "state unknown",
        "Join state unknown (no Device State in this output)",
        "unknown: no readable Device State",
    ),
];

impl JoinState {
    /// Every state, in order.
    pub const ALL: [JoinState; 8] = [
        JoinState::EntraJoined,
        JoinState::HybridJoined,
        JoinState::DomainJoined,
        JoinState::DrsJoined,
        JoinState::Registered,
        JoinState::NotJoined,
        JoinState::Inconsistent,
        JoinState::Unknown,
    ];

    /// The words for this state.
    pub fn phrases(self) -> &'static Phrases {
        &PHRASES[self as usize]
    }

    /// The snake_case name used in JSON (`hybrid_joined`).
    pub fn name(self) -> &'static str {
        self.phrases().name
    }

    /// A plain-words description (`Microsoft Entra hybrid joined`).
    pub fn describe(self) -> &'static str {
        self.phrases().describe
    }
}

impl fmt::Display for JoinState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The join state with what it was read from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Join {
    /// The state.
    pub state: JoinState,
    /// WorkplaceJoined is YES: the user registered the device (alongside a join, or alone).
    pub workplace_registered: bool,
    /// The 1-based lines of the fields the state was read from.
    pub evidence: Vec<usize>,
}

impl Join {
    /// The opening of a verdict: the state's title, which also says so when a domain joined
    /// device is Entra registered alongside.
    pub fn title(&self) -> &'static str {
        match self.state {
            JoinState::DomainJoined if self.workplace_registered => {
                "Domain joined (not hybrid joined) and Entra registered"
            }
            state => state.phrases().title,
        }
    }
}

impl Doc<'_> {
    /// The join state of the device.
    pub fn join(&self) -> Join {
        join(self)
    }
}

fn join(doc: &Doc<'_>) -> Join {
    let mut evidence = Vec::new();
    let mut flag = |section: &str, key: &str| {
        let field = doc.field(section, key)?;
        evidence.push(field.line());
        match field.value() {
            Value::Yes => Some(true),
            Value::No => Some(false),
            _ => None,
        }
    };
    let aad = flag("Device State", "AzureAdJoined");
    let enterprise = flag("Device State", "EnterpriseJoined");
    let domain = flag("Device State", "DomainJoined");
    let workplace = flag("User State", "WorkplaceJoined") == Some(true);
    let state = match (aad, enterprise.unwrap_or(false), domain) {
        (Some(true), false, Some(false)) => JoinState::EntraJoined,
        (Some(false), false, Some(true)) => JoinState::DomainJoined,
        (Some(true), false, Some(true)) => JoinState::HybridJoined,
        (Some(false), true, Some(true)) => JoinState::DrsJoined,
        (Some(false), false, Some(false)) if workplace => JoinState::Registered,
        (Some(false), false, Some(false)) => JoinState::NotJoined,
        (Some(_), _, Some(_)) => JoinState::Inconsistent,
        _ => JoinState::Unknown,
    };
    crate::text::sort_small(&mut evidence, |a, b| a < b);
    evidence.dedup();
    Join {
        state,
        workplace_registered: workplace,
        evidence,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::format;

    fn state(a: &str, e: &str, d: &str, w: &str) -> Join {
        let text = format!(
            "| Device State |\nAzureAdJoined : {a}\nEnterpriseJoined : {e}\nDomainJoined : {d}\n| User State |\nWorkplaceJoined : {w}\n"
        );
        let analysis = crate::analyze(text.as_bytes());
        let doc = analysis.documents().next().unwrap();
        doc.join()
    }

    #[test]
    fn follows_the_seed_table() {
        use JoinState::*;
        let table = [
            ("YES", "NO", "NO", "NO", EntraJoined, false),
            ("NO", "NO", "YES", "NO", DomainJoined, false),
            ("YES", "NO", "YES", "NO", HybridJoined, false),
            ("NO", "YES", "YES", "NO", DrsJoined, false),
            ("NO", "NO", "NO", "YES", Registered, true),
            ("NO", "NO", "NO", "NO", NotJoined, false),
            ("YES", "YES", "NO", "NO", Inconsistent, false),
            ("YES", "YES", "YES", "NO", Inconsistent, false),
            ("NO", "YES", "NO", "NO", Inconsistent, false),
            ("NO", "NO", "YES", "YES", DomainJoined, true),
            ("YES", "NO", "NO", "YES", EntraJoined, true),
            ("MAYBE", "NO", "NO", "NO", Unknown, false),
        ];
        for (a, e, d, w, expected, registered) in table {
            let join = state(a, e, d, w);
            assert_eq!(join.state, expected, "{a} {e} {d} {w}");
            assert_eq!(join.workplace_registered, registered, "{a} {e} {d} {w}");
            assert_eq!(join.evidence, [2, 3, 4, 6]);
        }
        let join = state("NO", "NO", "NO", "NO");
        assert_eq!(join.evidence, [2, 3, 4, 6]);
    }

    #[test]
    fn every_state_has_its_own_words() {
        for (i, state) in JoinState::ALL.into_iter().enumerate() {
            let p = state.phrases();
            assert_eq!(
                serde_json::to_string(&state).unwrap(),
                format!("\"{}\"", p.name)
            );
            for other in &JoinState::ALL[i + 1..] {
                assert_ne!(p.label, other.phrases().label);
                assert_ne!(p.title, other.phrases().title);
            }
        }
    }

    #[test]
    fn no_device_state_is_unknown() {
        let analysis = crate::analyze(b"| User State |\nWorkplaceJoined : YES\n");
        let join = analysis.documents().next().unwrap().join();
        assert_eq!(join.state, JoinState::Unknown);
        assert!(join.workplace_registered);
    }
}
