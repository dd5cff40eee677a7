//! WCAG AA contrast of the theme colours in `style/main.css`, light and dark: every text colour
//! on every background it is used on reaches 4.5:1.

const CSS: &str = include_str!("../../../../style/main.css");

/// The custom properties of the first block that follows `marker`.
fn palette(marker: &str) -> Vec<(String, String)> {
    let start = CSS
        .find(marker)
        .unwrap_or_else(|| panic!("{marker} in main.css"));
    let block = &CSS[start..];
    let block = &block[..block.find('}').expect("block end")];
    block
        .lines()
        .filter_map(|l| {
            let (name, value) = l.trim().strip_prefix("--")?.split_once(':')?;
            let value = value.trim().trim_end_matches(';');
            value
                .starts_with('#')
                .then(|| (name.to_owned(), value.to_owned()))
        })
        .collect()
}

fn luminance(hex: &str) -> f64 {
    let channel = |i: usize| {
        let c = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).expect("hex colour")) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
}

fn contrast(a: &str, b: &str) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// Text colour on background, as the stylesheet pairs them.
const PAIRS: &[(&str, &str)] = &[
    ("text", "bg"),
    ("text", "surface"),
    ("text", "surface-2"),
    ("muted", "surface"),
    ("muted", "surface-2"),
    ("muted", "bg"),
    ("accent", "surface"),
    ("accent-text", "accent"),
    ("ok", "ok-bg"),
    ("ok", "surface"),
    ("info", "info-bg"),
    ("warn", "warn-bg"),
    ("crit", "crit-bg"),
    ("crit", "surface"),
    ("text", "warn-bg"),
    ("text", "crit-bg"),
    ("text", "ok-bg"),
    ("text", "info-bg"),
];

#[test]
fn both_themes_meet_wcag_aa() {
    for (theme, marker) in [
        ("light", ":root {"),
        ("dark", "@media (prefers-color-scheme: dark)"),
    ] {
        let colours = palette(marker);
        let get = |name: &str| {
            colours
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.as_str())
                .unwrap_or_else(|| panic!("--{name} in the {theme} theme"))
        };
        for (fg, bg) in PAIRS {
            let ratio = contrast(get(fg), get(bg));
            assert!(
                ratio >= 4.5,
                "{theme}: --{fg} on --{bg} is {ratio:.2}:1, below 4.5:1"
            );
        }
    }
}
