//! Built-in samples: anonymized derivatives of real public outputs (the shared test fixtures),
//! for people who want to see the analyzer work before pasting their own.

/// One sample.
pub struct Sample {
    /// Stable id (the `<option>` value).
    pub id: &'static str,
    /// What it shows.
    pub title: &'static str,
    /// The output.
    pub text: &'static str,
}

/// Every sample, in menu order.
pub const SAMPLES: &[Sample] = &[
    Sample {
        id: "hybrid-scp-missing",
        title: "Hybrid join not happening: no SCP (Windows Server 2022)",
        text: include_str!(
            "../../tests/fixtures/corpus/002-ws2022-domainonly-scp-missing-proxy-wrapped.txt"
        ),
    },
    Sample {
        id: "entra-joined",
        title: "Microsoft Entra joined with PRT and Cloud Kerberos",
        text: include_str!("../../tests/fixtures/corpus/012-aadj-hostname-updated-cloudtgt.txt"),
    },
    Sample {
        id: "hybrid-adfs",
        title: "Hybrid joined through AD FS (Enterprise PRT)",
        text: include_str!(
            "../../tests/fixtures/corpus/011-hybrid-adfs-enterpriseprt-qa-flattened.txt"
        ),
    },
    Sample {
        id: "registered",
        title: "Microsoft Entra registered only (work account added)",
        text: include_str!(
            "../../tests/fixtures/corpus/008-registered-workaccount-italian-ps-banner-no-final-newline.txt"
        ),
    },
    Sample {
        id: "autopilot-directoryerror",
        title: "Autopilot hybrid join failing: DirectoryError (fragment)",
        text: include_str!(
            "../../tests/fixtures/corpus/038-previous-registration-directoryerror-fragment.txt"
        ),
    },
];
