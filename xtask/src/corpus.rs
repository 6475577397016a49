//! Generated design documents for benchmarks: realistic sizes (log-normal, median about 19 KB),
//! the template's sections with the drift real folders show, cross-links between designs, and
//! deterministic output for a given count. Shared by `cargo xtask bench` (the preprocessor) and
//! `cargo bench --bench lint` (which includes this file by path).

/// One generated design.
pub struct Generated {
    /// The file name (`some-title-3.md`, sometimes with a date prefix).
    // Not every program that includes this file reads it.
    #[allow(dead_code)]
    pub name: String,
    /// The path under the designs folder: the name, in its area's folder when there are areas.
    pub path: String,
    /// The design's title.
    pub title: String,
    /// The Markdown text.
    pub text: String,
}

/// Where each design sits under the designs folder, and the relative links between them.
struct Links {
    /// Each design's folder (`area-3`), empty without areas.
    folders: Vec<String>,
    /// Each design's file name.
    files: Vec<String>,
}

impl Links {
    /// The relative link from design `from` to design `to`.
    fn to(&self, from: usize, to: usize) -> String {
        if self.folders[from] == self.folders[to] {
            self.files[to].clone()
        } else if self.folders[to].is_empty() {
            format!("../{}", self.files[to])
        } else {
            let up = if self.folders[from].is_empty() { "" } else { "../" };
            format!("{up}{}/{}", self.folders[to], self.files[to])
        }
    }
}

/// `count` designs of about `target_bytes` in all, in `areas` folders (`area-0`, ...; none for
/// 0), linking each other by working relative links (and some broken ones, on purpose).
pub fn generate(count: usize, target_bytes: usize, areas: usize) -> Vec<Generated> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    // Log-normal sizes (sigma 0.815 gives the measured 90th percentile of about 2.8 x median),
    // scaled so that the total is about `target_bytes`.
    let raw: Vec<f64> = (0..count).map(|_| (0.815 * rng.normal()).exp()).collect();
    let scale = target_bytes as f64 / raw.iter().sum::<f64>();
    let sizes: Vec<usize> = raw.iter().map(|r| ((r * scale) as usize).clamp(2_000, 412_000)).collect();
    let titles: Vec<String> = (0..count)
        .map(|i| {
            let mut t = String::new();
            for k in 0..3 + rng.below(4) {
                let w = rng.pick(WORDS);
                if k == 0 {
                    t.push_str(&w[..1].to_uppercase());
                    t.push_str(&w[1..]);
                } else {
                    t.push(' ');
                    t.push_str(w);
                }
            }
            format!("{t} {i}")
        })
        .collect();
    let names: Vec<String> = titles
        .iter()
        .map(|t| {
            let slug: String = t.to_lowercase().chars().map(|c| if c.is_alphanumeric() { c } else { '-' }).collect();
            format!("{slug}.md")
        })
        .collect();
    let files: Vec<String> = names
        .iter()
        .enumerate()
        .map(|(i, name)| if rng.chance(10) { format!("2024{i:04}-{name}") } else { name.clone() })
        .collect();
    let folders: Vec<String> =
        (0..count).map(|i| if areas == 0 { String::new() } else { format!("area-{}", i % areas) }).collect();
    let links = Links { folders, files };
    (0..count)
        .map(|i| {
            let text = design(&mut rng, &titles, &links, i, sizes[i]);
            let name = links.files[i].clone();
            let path = if areas == 0 { name.clone() } else { format!("{}/{name}", links.folders[i]) };
            Generated { name, path, title: titles[i].clone(), text }
        })
        .collect()
}

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// A standard normal sample (Box-Muller).
    fn normal(&mut self) -> f64 {
        let u = self.unit().max(1e-12);
        let v = self.unit();
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const WORDS: &[&str] = &[
    "the",
    "cluster",
    "controller",
    "machine",
    "node",
    "provider",
    "will",
    "be",
    "and",
    "to",
    "of",
    "a",
    "in",
    "for",
    "that",
    "is",
    "with",
    "when",
    "status",
    "field",
    "resource",
    "should",
    "can",
    "we",
    "this",
    "API",
    "upgrade",
    "version",
    "bootstrap",
    "control",
    "plane",
    "infrastructure",
    "template",
    "operator",
    "users",
    "workload",
    "reconcile",
    "object",
    "label",
    "annotation",
    "condition",
    "phase",
    "deleted",
    "created",
    "existing",
    "new",
    "support",
    "configuration",
    "kubernetes",
    "management",
    "network",
    "storage",
    "image",
    "release",
    "proposal",
    "implementation",
    "behaviour",
    "compatibility",
    "deployment",
    "replicas",
    "spec",
];

const SECTIONS: &[(u8, &str, &[&str])] = &[
    (2, "Summary", &[]),
    (2, "Motivation", &[]),
    (3, "Goals", &["Goal"]),
    (3, "Non-Goals", &["Non Goals", "Non-Goals/Future Work"]),
    (2, "Proposal", &[]),
    (3, "User Stories", &["User stories"]),
    (2, "Design Details", &[]),
    (3, "Implementation Details/Notes/Constraints", &["Implementation Details"]),
    (3, "Risks and Mitigations", &[]),
    (3, "Work Items", &[]),
    (3, "Dependencies", &[]),
    (3, "Test Plan", &[]),
    (3, "Upgrade / Downgrade Strategy", &["Upgrade/Downgrade Strategy", "Upgrade Strategy"]),
    (3, "Version Skew Strategy", &[]),
    (2, "Drawbacks", &[]),
    (2, "Alternatives", &["Alternatives (Not Implemented)"]),
    (2, "References", &[]),
];

const STATUSES: &[&str] =
    &["provisional", "implementable", "implemented", "deferred", "rejected", "withdrawn", "replaced"];

/// One design of about `size` bytes.
fn design(rng: &mut Rng, titles: &[String], links: &Links, i: usize, size: usize) -> String {
    let mut out = String::with_capacity(size + 4096);
    let status = rng.pick(STATUSES);
    let front = rng.chance(40);
    if front {
        out.push_str(&format!(
            "---\ntitle: {}\nauthors:\n  - \"@someone\"\ncreation-date: 2024-01-01\nstatus: {}\n---\n\n",
            titles[i],
            if rng.chance(10) { "Implementable" } else { status }
        ));
    }
    out.push_str(&format!("# {}\n\n", titles[i]));
    if rng.chance(30) {
        out.push_str("## Table of Contents\n\n");
        for (level, name, _) in SECTIONS {
            let indent = if *level == 3 { "  " } else { "" };
            let anchor: String = name
                .to_lowercase()
                .chars()
                .filter(|c| c.is_alphanumeric() || *c == ' ' || *c == '-')
                .map(|c| if c == ' ' { '-' } else { c })
                .collect();
            out.push_str(&format!("{indent}- [{name}](#{anchor})\n"));
        }
        out.push('\n');
    }
    if !front && !rng.chance(10) {
        let written = match rng.below(10) {
            0 => format!("One of: {status}"),
            1 => format!("[{}](https://github.com/org/repo/pull/{})", capitalize(status), rng.below(9000)),
            2 => "in-progress".to_string(),
            _ => status.to_string(),
        };
        out.push_str(&format!("## Status\n\n{written}\n"));
        if status == "replaced" && rng.chance(80) {
            let other = rng.below(titles.len());
            out.push_str(&format!("\nReplaced by [{}]({}).\n", titles[other], links.to(i, other)));
        }
        out.push('\n');
    }
    // Section bodies share the size budget, weighted to the big sections.
    let budget = size.saturating_sub(out.len());
    let weights: Vec<usize> = SECTIONS
        .iter()
        .map(|(l, n, _)| {
            if *n == "Proposal" || *n == "Design Details" || *n == "Implementation Details/Notes/Constraints" {
                6
            } else if *l == 2 {
                2
            } else {
                1
            }
        })
        .collect();
    let total_weight: usize = weights.iter().sum();
    for (k, (level, name, variants)) in SECTIONS.iter().enumerate() {
        if rng.chance(8) && *name != "Summary" {
            continue;
        }
        let level = if rng.chance(3) {
            if *level == 2 {
                3
            } else {
                2
            }
        } else {
            *level
        };
        let name = if !variants.is_empty() && rng.chance(25) { rng.pick(variants) } else { name };
        out.push_str(&format!("{} {name}\n\n", "#".repeat(usize::from(level))));
        if name == "User Stories" && rng.chance(35) {
            out.push_str("#### Story 1\n\n#### Story 2\n\n");
            continue;
        }
        if rng.chance(6) {
            out.push_str("None\n\n");
            continue;
        }
        let target = out.len() + budget * weights[k] / total_weight;
        while out.len() < target {
            block(rng, &mut out, titles, links, i);
        }
    }
    out
}

/// One block of body text: mostly wrapped paragraphs, some long lines, lists, code, tables, links.
fn block(rng: &mut Rng, out: &mut String, titles: &[String], links: &Links, from: usize) {
    match rng.below(20) {
        0..=10 => {
            let unwrapped = rng.chance(8);
            let width = 60 + rng.below(20);
            let mut line = String::new();
            for s in 0..2 + rng.below(5) {
                for w in 0..6 + rng.below(14) {
                    let mut word = rng.pick(WORDS).to_string();
                    if w == 0 {
                        word = capitalize(&word);
                    }
                    if rng.chance(2) {
                        let other = rng.below(titles.len());
                        let anchor = if rng.chance(20) { "#summary" } else { "" };
                        let target =
                            if rng.chance(3) { "missing-design.md".to_string() } else { links.to(from, other) };
                        word = format!("[{}]({target}{anchor})", titles[other].split(' ').next().unwrap());
                    }
                    if !line.is_empty() && !unwrapped && line.chars().count() + 1 + word.chars().count() > width {
                        out.push_str(&line);
                        out.push('\n');
                        line.clear();
                    }
                    if !line.is_empty() {
                        line.push(' ');
                    }
                    line.push_str(&word);
                }
                line.push('.');
                let _ = s;
            }
            out.push_str(&line);
            out.push_str("\n\n");
        }
        11..=14 => {
            for _ in 0..2 + rng.below(5) {
                let long = rng.chance(10);
                let n = if long { 16 } else { 5 + rng.below(6) };
                let words: Vec<&str> = (0..n).map(|_| rng.pick(WORDS)).collect();
                out.push_str(&format!("- {}\n", words.join(" ")));
            }
            out.push('\n');
        }
        15..=16 => {
            out.push_str("```yaml\napiVersion: cluster.x-k8s.io/v1beta1\nkind: MachineDeployment\nmetadata:\n  name: example\nspec:\n  replicas: 3\n  template:\n    spec:\n      bootstrap:\n        configRef:\n          name: a-very-long-name-for-the-bootstrap-configuration-template-that-goes-past-eighty\n```\n\n");
        }
        17 => {
            out.push_str("| Field | Type | Description |\n|-------|------|-------------|\n");
            for _ in 0..3 + rng.below(4) {
                let words: Vec<&str> = (0..12).map(|_| rng.pick(WORDS)).collect();
                out.push_str(&format!("| `{}` | string | {} |\n", rng.pick(WORDS), words.join(" ")));
            }
            out.push('\n');
        }
        18 => {
            out.push_str(&format!(
                "See <https://github.com/kubernetes-sigs/cluster-api/blob/main/docs/proposals/{}>\n\n",
                links.files[rng.below(links.files.len())]
            ));
        }
        _ => {
            if rng.chance(20) {
                out.push_str("This is the title of the design.\nKeep it simple and descriptive.\n\n");
            } else {
                out.push_str("Consider the following in developing a test plan:\n\n- unit tests\n- e2e tests\n\n");
            }
        }
    }
}

fn capitalize(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
