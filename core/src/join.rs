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

use crate::model::{Doc, Value};

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

impl JoinState {
    /// The snake_case name used in JSON (`hybrid_joined`).
    pub fn name(self) -> &'static str {
        match self {
            JoinState::EntraJoined => "entra_joined",
            JoinState::HybridJoined => "hybrid_joined",
            JoinState::DomainJoined => "domain_joined",
            JoinState::DrsJoined => "drs_joined",
            JoinState::Registered => "registered",
            JoinState::NotJoined => "not_joined",
            JoinState::Inconsistent => "inconsistent",
            JoinState::Unknown => "unknown",
        }
    }

    /// A plain-words description (`Microsoft Entra hybrid joined`).
    pub fn describe(self) -> &'static str {
        match self {
            JoinState::EntraJoined => "Microsoft Entra joined",
            JoinState::HybridJoined => "Microsoft Entra hybrid joined",
            JoinState::DomainJoined => "domain joined (not joined to Microsoft Entra ID)",
            JoinState::DrsJoined => "on-premises DRS joined",
            JoinState::Registered => "Microsoft Entra registered only",
            JoinState::NotJoined => "not joined and not registered",
            JoinState::Inconsistent => "inconsistent: a combination the join table rules out",
            JoinState::Unknown => "unknown: no readable Device State",
        }
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

pub(crate) fn join(doc: &Doc<'_>) -> Join {
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
    evidence.sort_unstable();
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
        {}
    }

    #[test]
    fn no_device_state_is_unknown() {
        let analysis = crate::analyze(b"| User State |\nWorkplaceJoined : YES\n");
        let join = analysis.documents().next().unwrap().join();
        assert_eq!(join.state, JoinState::Unknown);
        assert!(join.workplace_registered);
    }
}
