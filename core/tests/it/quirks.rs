//! Targeted tests, one per kind of damage the parser must survive, through small helpers.

use dsreg_core::{
    BlockKind, Code, Encoding, JoinState, Layout, LineKind, Noise, TestResult, Value, analyze,
};

use crate::{invariants, render, tests_dir};

fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(tests_dir().join("fixtures").join(path)).unwrap()
}

fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    if bom {
        out.extend_from_slice(if big_endian {
            &[0xFE, 0xFF]
        } else {
            &[0xFF, 0xFE]
        });
    }
    for unit in text.encode_utf16() {
        out.extend_from_slice(&if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        });
    }
    out
}

/// Everything but the encoding line of the rendering.
fn body(bytes: &[u8]) -> String {
    let analysis = analyze(bytes);
    invariants(&analysis).unwrap();
    render(&analysis).split_once('\n').unwrap().1.to_string()
}

#[test]
fn utf16_files_give_the_same_report_as_utf8() {
    for name in [
        "corpus/002-ws2022-domainonly-scp-missing-proxy-wrapped.txt",
        "corpus/008-registered-workaccount-italian-ps-banner-no-final-newline.txt",
        "synthetic/crlf-line-ends.txt",
    ] {
        let bytes = fixture(name);
        let text = String::from_utf8(bytes.clone()).unwrap();
        let expected = body(&bytes);
        for (be, bom, encoding) in [
            (false, true, Encoding::Utf16LeBom),
            (true, true, Encoding::Utf16BeBom),
            (false, false, Encoding::Utf16Le),
            (true, false, Encoding::Utf16Be),
        ] {
            let encoded = utf16(&text, be, bom);
            assert_eq!(analyze(&encoded).encoding(), encoding, "{name}");
            assert_eq!(body(&encoded), expected, "{name} as {encoding}");
        }
        let mut with_bom = vec![0xEF, 0xBB, 0xBF];
        with_bom.extend_from_slice(&bytes);
        assert_eq!(analyze(&with_bom).encoding(), Encoding::Utf8Bom);
        assert_eq!(body(&with_bom), expected);
    }
}

#[test]
fn invalid_bytes_are_replaced_reported_and_the_rest_is_read() {
    let mut bytes = b"| Device State |\nDomainName : AB".to_vec();
    bytes.extend_from_slice(&[0xC3, 0x28]);
    bytes.extend_from_slice(b"\nAzureAdJoined : YES\nEnterpriseJoined : NO\nDomainJoined : NO\n");
    let analysis = analyze(&bytes);
    let doc = analysis.documents().next().unwrap();
    assert_eq!(
        doc.field("Device State", "DomainName").unwrap().raw(),
        "AB\u{FFFD}("
    );
    assert_eq!(doc.join().state, JoinState::EntraJoined);
    assert_eq!(analysis.problems().len(), 1);
    assert_eq!(analysis.problems()[0].line, 2);
}

#[test]
fn line_ends_crlf_cr_lf_give_the_same_fields() {
    let lf = "| Device State |\n AzureAdJoined : YES\n DomainJoined : NO\n";
    let lines = |t: &str| {
        let a = analyze(t.as_bytes());
        invariants(&a).unwrap();
        let doc = a.documents().next().unwrap();
        doc.fields()
            .map(|f| (f.line(), f.key().to_string(), f.raw().into_owned()))
            .collect::<Vec<_>>()
    };
    let expected = lines(lf);
    assert_eq!(expected.len(), 2);
    assert_eq!(lines(&lf.replace('\n', "\r\n")), expected);
    assert_eq!(lines(&lf.replace('\n', "\r")), expected);
}

#[test]
fn hard_wrapped_value_is_joined_back() {
    let analysis = analyze(&fixture(
        "corpus/002-ws2022-domainonly-scp-missing-proxy-wrapped.txt",
    ));
    let doc = analysis.documents().next().unwrap();
    let pac = doc
        .field("URL Specific Proxy Config", "auto detect pac status")
        .unwrap();
    assert!(
        pac.raw()
            .ends_with("(PAC) script using WPAD. code: 0x80072f94"),
        "{}",
        pac.raw()
    );
    assert_eq!(pac.wrapped_spans().len(), 1);
    let continuation = analysis.lines().iter().find(|l| l.number == 65).unwrap();
    assert!(matches!(continuation.kind, LineKind::Continuation { .. }));
    assert!(analysis.problems().is_empty(), "{:?}", analysis.problems());
}

#[test]
fn a_short_line_after_a_long_value_is_not_a_wrap() {
    // The stray `x` of the 006 sample follows a 120-column line, but the output has longer
    // lines, so the console was wider: the `x` is reported, not glued to the value.
    let analysis = analyze(&fixture("corpus/006-sso-adfs-msis9682-placeholders.txt"));
    let doc = analysis.documents().next().unwrap();
    assert!(
        doc.field("SSO State", "KerbTopLevelNames")
            .unwrap()
            .raw()
            .ends_with(":3342")
    );
    assert!(
        analysis
            .problems()
            .iter()
            .any(|p| p.line == 25 && p.message.contains("\"x\""))
    );
}

#[test]
fn legacy_layout_fields_are_found_from_their_current_section() {
    let analysis = analyze(&fixture("synthetic/legacy-1607-single-section.txt"));
    let doc = analysis.documents().next().unwrap();
    assert_eq!(doc.layout(), Layout::Legacy);
    let tenant = doc.field("Tenant Details", "TenantId").unwrap();
    assert_eq!(tenant.section_title(), Some("Device State"));
    assert_eq!(
        doc.field("Device State", "TenantId").unwrap().line(),
        tenant.line()
    );
    assert_eq!(
        doc.field("SSO State", "AzureAdPrt").unwrap().value(),
        Value::Yes
    );
    assert_eq!(
        doc.field("Diagnostic Data", "KeySignTest").unwrap().value(),
        Value::Test(TestResult::Pass)
    );
    // A key is not found in a section that is not its home.
    assert!(doc.field("User State", "TenantId").is_none());
    assert_eq!(doc.join().state, JoinState::HybridJoined);
}

#[test]
fn nested_blocks_are_distinct() {
    let analysis = analyze(&fixture(
        "synthetic/nested-blocks-prt-diagnostics-previous-registration-work-accounts.txt",
    ));
    let doc = analysis.documents().next().unwrap();
    let sso = doc.section("SSO State").unwrap();
    let acquire = sso.block(BlockKind::AcquirePrtDiagnostics).unwrap();
    let refresh = sso.block(BlockKind::RefreshPrtDiagnostics).unwrap();
    assert_eq!(
        acquire.field("Attempt Status").unwrap().value(),
        Value::Code(Code(0xc000006d))
    );
    assert_eq!(
        refresh.field("Attempt Status").unwrap().value(),
        Value::Code(Code(0xc00484b2))
    );
    assert_eq!(acquire.fields().count(), 12);
    assert_eq!(refresh.head().unwrap().line(), 34);
    assert_eq!(sso.field("EnterprisePrt").unwrap().block(), None);

    let registration = doc
        .section("Diagnostic Data")
        .unwrap()
        .block(BlockKind::PreviousRegistration)
        .unwrap();
    assert_eq!(registration.fields().count(), 10);
    assert_eq!(
        doc.field("Diagnostic Data", "Server ErrorSubCode")
            .unwrap()
            .raw(),
        "error_missing_device"
    );

    let vdi = doc
        .section("Device State")
        .unwrap()
        .block(BlockKind::VirtualDesktop)
        .unwrap();
    assert_eq!(vdi.field("User mode").unwrap().raw(), "Multi-user");
    assert!(vdi.field("SampleKey").is_some());
    assert!(vdi.field("Device Name").is_none());

    let accounts: Vec<_> = doc.work_accounts().collect();
    assert_eq!(accounts.len(), 2);
    assert_eq!(accounts[0].field("NgcSet").unwrap().value(), Value::No);
    assert_eq!(accounts[1].field("NgcSet").unwrap().value(), Value::Yes);
    // Work Account keys do not leak into the User State lookups.
    assert_eq!(doc.field("User State", "NgcSet").unwrap().line(), 72);
}

#[test]
fn headerless_fragment_fields_are_found() {
    let analysis = analyze(&fixture(
        "corpus/038-previous-registration-directoryerror-fragment.txt",
    ));
    let doc = analysis.documents().next().unwrap();
    assert_eq!(doc.layout(), Layout::Fragment);
    assert_eq!(doc.join().state, JoinState::Unknown);
    let code = doc.field("Diagnostic Data", "Client ErrorCode").unwrap();
    assert_eq!(code.value(), Value::Code(Code(0x801c03f2)));
    assert_eq!(code.block(), Some(BlockKind::PreviousRegistration));
    assert_eq!(
        doc.field("diagnostic data", "registration type")
            .unwrap()
            .line(),
        1
    );
}

#[test]
fn collapsed_outputs_read_like_the_multiline_one() {
    let fields = |name: &str| {
        let analysis = analyze(&fixture(name));
        invariants(&analysis).unwrap();
        assert!(
            analysis.problems().is_empty(),
            "{name}: {:?}",
            analysis.problems()
        );
        let doc = analysis.documents().next().unwrap();
        doc.sections()
            .flat_map(|s| {
                let title = s.title().unwrap_or("").to_string();
                s.fields()
                    .map(move |f| (title.clone(), f.key().to_string(), f.raw().into_owned()))
            })
            .collect::<Vec<_>>()
    };
    let br = fields("synthetic/collapsed-br-variants.txt");
    assert_eq!(br.len(), 6);
    assert_eq!(fields("synthetic/collapsed-runs-of-spaces.txt"), br);
    assert_eq!(
        br[3],
        ("Device State".into(), "DomainName".into(), "CONTOSO".into())
    );
    let flat = fields("corpus/033-system-context-br-joined-single-line.txt");
    assert_eq!(flat.len(), 18);
}

#[test]
fn noise_is_classified_and_kept_out_of_the_fields() {
    let analysis = analyze(&fixture(
        "synthetic/noise-prompts-banners-progress-debug-trailer-elision.txt",
    ));
    assert!(analysis.problems().is_empty(), "{:?}", analysis.problems());
    let noise: Vec<Noise> = analysis
        .lines()
        .iter()
        .filter_map(|l| match l.kind {
            LineKind::Noise(n) => Some(n),
            _ => None,
        })
        .collect();
    for kind in [
        Noise::Banner,
        Noise::Prompt,
        Noise::Debug,
        Noise::Elision,
        Noise::Progress,
        Noise::Trailer,
    ] {
        assert!(noise.contains(&kind), "{kind:?} missing from {noise:?}");
    }
    let doc = analysis.documents().next().unwrap();
    assert_eq!(doc.fields().count(), 4);
    assert!(doc.find("DsrCmdJoinHelper").is_none());

    let analysis = analyze(&fixture("synthetic/noise-evil-winrm-powershell.txt"));
    assert!(analysis.problems().is_empty(), "{:?}", analysis.problems());
    assert_eq!(
        analysis.documents().next().unwrap().join().state,
        JoinState::DomainJoined
    );
}

#[test]
fn markdown_damage_is_looked_through() {
    let analysis = analyze(&fixture("synthetic/markdown-chat-damage.txt"));
    let doc = analysis.documents().next().unwrap();
    assert_eq!(doc.join().state, JoinState::EntraJoined);
    assert_eq!(
        doc.field("Device State", "EnterpriseJoined").unwrap().raw(),
        "NO"
    );
    assert_eq!(
        doc.field("Device State", "DomainJoined").unwrap().raw(),
        "NO"
    );
    assert_eq!(
        doc.field("User State", "WorkplaceJoined").unwrap().raw(),
        "NO"
    );
    assert_eq!(
        doc.field("SSO State", "AzureAdPrt").unwrap().value(),
        Value::Yes
    );
    // Only the chat sentence is reported.
    assert_eq!(analysis.problems().len(), 1);
    assert_eq!(analysis.problems()[0].line, 1);

    let bold = analyze(&fixture("corpus/017-userstate-ngcset-markdown-bold.txt"));
    let doc = bold.documents().next().unwrap();
    assert_eq!(
        doc.field("User State", "NgcSet").unwrap().value(),
        Value::Yes
    );
}

#[test]
fn several_outputs_become_several_documents() {
    let analysis = analyze(&fixture("synthetic/several-outputs.txt"));
    let states: Vec<_> = analysis.documents().map(|d| d.join().state).collect();
    assert_eq!(
        states,
        [
            JoinState::EntraJoined,
            JoinState::DomainJoined,
            JoinState::Inconsistent
        ]
    );
    let second = analysis.documents().nth(1).unwrap();
    assert!(second.join().workplace_registered);
    assert_eq!(second.line_range(), (13, 28));
}

#[test]
fn empty_and_blank_inputs_give_one_unknown_document_and_a_problem() {
    for input in [&b""[..], b"   \n\n\t\n", b"\xFF\xFE"] {
        let analysis = analyze(input);
        invariants(&analysis).unwrap();
        assert_eq!(analysis.documents().len(), 1);
        assert_eq!(
            analysis.documents().next().unwrap().join().state,
            JoinState::Unknown
        );
        assert_eq!(analysis.problems().len(), 1, "{input:?}");
    }
}

#[test]
fn keys_and_titles_match_ignoring_case_and_spacing() {
    let analysis = analyze(&fixture("corpus/024-aadj-retyped-ragged-willprovision.txt"));
    let doc = analysis.documents().next().unwrap();
    assert!(doc.field("device  state", "AZUREADJOINED").is_some());
    assert_eq!(
        doc.field("Diagnostic Data", "Last HostName Update")
            .unwrap()
            .raw(),
        "NONE"
    );
    assert!(
        doc.field("Diagnostic Data", "Last HostName Update")
            .unwrap()
            .known()
            .is_some()
    );
    assert!(analysis.problems().is_empty(), "{:?}", analysis.problems());
}

#[test]
fn unknown_sections_and_fields_are_kept() {
    let analysis = analyze(&fixture("synthetic/typed-values-and-extras.txt"));
    let doc = analysis.documents().next().unwrap();
    let future = doc.section("Some Future Section").unwrap();
    let setting = future.field("FutureSetting").unwrap();
    assert!(setting.known().is_none());
    assert_eq!(setting.value(), Value::Number(42));
    assert!(
        analysis
            .problems()
            .iter()
            .any(|p| p.line == 73 && p.message.contains("YES or NO"))
    );
    assert_eq!(
        doc.field("User State", "WamDefaultSet").unwrap().value(),
        Value::Error(Some(Code(0x80070520)))
    );
    match doc
        .field("Device Details", "DeviceCertificateValidity")
        .unwrap()
        .value()
    {
        Value::Validity(v) => assert_eq!(
            v.to.unix_seconds() - v.from.unix_seconds(),
            3653 * 86_400 + 1800
        ),
        other => panic!("{other:?}"),
    }
    let names: Vec<_> = doc
        .field("SSO State", "KerbTopLevelNames")
        .unwrap()
        .value()
        .items()
        .map(str::to_string)
        .collect();
    assert_eq!(names, [".windows.net", ".windows.net:1433", ".azure.net"]);
}

#[test]
fn documents_sharing_one_line_get_their_own_problems() {
    let input = "| Device State |<br/>AzureAdJoined : YES<br/>stray one<br/>| Device State |<br/>AzureAdJoined : NO<br/>stray two<br/>\n";
    let analysis = analyze(input.as_bytes());
    invariants(&analysis).unwrap();
    let per_doc: Vec<Vec<String>> = analysis
        .documents()
        .map(|d| {
            analysis
                .problems_of(&d)
                .map(|p| p.message.clone())
                .collect()
        })
        .collect();
    assert_eq!(per_doc.len(), 2);
    assert_eq!(per_doc[0].len(), 1);
    assert!(per_doc[0][0].contains("stray one"), "{per_doc:?}");
    assert_eq!(per_doc[1].len(), 1);
    assert!(per_doc[1][0].contains("stray two"), "{per_doc:?}");
}

#[test]
fn sections_pasted_after_their_own_prompts_are_one_output() {
    let text = "\
PS C:\\> dsregcmd /status
| Device State |
             AzureAdJoined : YES
          EnterpriseJoined : NO
              DomainJoined : YES
PS C:\\> dsregcmd /status
| Device Details |
          DeviceAuthStatus : SUCCESS
PS C:\\> dsregcmd /status
| SSO State |
                AzureAdPrt : YES
PS C:\\> dsregcmd /status
| Device State |
             AzureAdJoined : NO
";
    let analysis = analyze(text.as_bytes());
    invariants(&analysis).unwrap();
    let docs: Vec<_> = analysis.documents().collect();
    // Device State, Device Details, SSO State in order: one output; Device State again: a
    // second one.
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0].join().state, JoinState::HybridJoined);
    assert!(docs[0].field("SSO State", "AzureAdPrt").is_some());
    assert_eq!(docs[1].line_range().0, 12);
}

#[test]
fn prt_attempt_fields_quoted_without_their_block_head_still_form_one_attempt() {
    let text = "\
AzureAdPrt : NO
Attempt Status : 0xc000006d
Server Error Code : invalid_grant
Server Error Description : AADSTS90002: Tenant 'fabrikam.local' not found.
";
    let analysis = analyze(text.as_bytes());
    let doc = analysis.documents().next().unwrap();
    let section = doc.sections().next().unwrap();
    let block = section.blocks().next().expect("a PRT diagnostics block");
    assert_eq!(block.kind(), BlockKind::PrtDiagnostics);
    assert_eq!(block.fields().count(), 3);
    // A join attempt keeps its own spelling: `Server ErrorCode` opens Previous Registration.
    let analysis = analyze(b"Error Phase : join\nServer ErrorCode : DirectoryError\n");
    let doc = analysis.documents().next().unwrap();
    let kinds: Vec<_> = doc
        .sections()
        .flat_map(|s| s.blocks())
        .map(|b| b.kind())
        .collect();
    assert_eq!(kinds, [BlockKind::PreviousRegistration]);
}

#[test]
fn quoted_fields_are_fields_of_the_section_their_sentence_names() {
    let text = "Hi, on this laptop I am seeing  WamDefaultSet : ERROR under User State and AzureAdPrt: NO. Any insight?\n";
    let analysis = analyze(text.as_bytes());
    invariants(&analysis).unwrap();
    let doc = analysis.documents().next().unwrap();
    let wam = doc.field("User State", "WamDefaultSet").unwrap();
    assert!(wam.is_quoted());
    assert_eq!(wam.section_title(), Some("User State"));
    assert_eq!(wam.value(), Value::Error(None));
    assert_eq!(doc.find("AzureAdPrt").unwrap().value(), Value::No);
    // The prose around them is neither a field nor a problem: one note says what was read.
    let notes: Vec<&str> = analysis
        .problems()
        .iter()
        .map(|p| p.message.as_str())
        .collect();
    assert_eq!(notes, ["read 2 fields quoted in the text"]);
    assert!(
        analysis
            .lines()
            .iter()
            .any(|l| l.kind == LineKind::Noise(Noise::Prose))
    );
}
