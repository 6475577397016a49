//! An oracle for "no author word is lost", written apart from the code it checks: it shares no
//! helper with mdbook-design and knows only the tool's documented output contract.
//!
//! The contract: every line the tool inserts carries its marker (`data-mdbook-design="..."` in
//! HTML, `<!-- mdbook-design:... -->` in Markdown); besides inserting such lines, the tool may
//! only (a) rename a heading to the template's name (same letters, other case or separators, so
//! words may join or split), (b) drop the template's `One of:` prompt, and (c) drop the template's
//! unedited list of choices (`provisional|implementable|...`), and (d) replace a
//! `{{#design-index ...}}` or `{{#design-releases}}` directive with the table it stands for.
//! Lines carrying the marker are left out of the count on both sides, so a word the tool adds can
//! never hide a word it lost.
#![allow(dead_code)]

use std::collections::BTreeMap;

/// The seven status words of the template.
const STATUS_WORDS: [&str; 7] =
    ["provisional", "implementable", "implemented", "deferred", "rejected", "withdrawn", "replaced"];

/// Whether a line is one the tool inserted, by the documented marker: an HTML line (after any
/// block quote or list indentation) that opens with a tag and carries `data-mdbook-design="`, or a
/// line that ends with a `<!-- mdbook-design:... -->` comment. Author text that merely contains
/// the words (`data-mdbook-design=x` in a paragraph) still counts.
pub fn is_marked(line: &str) -> bool {
    let content = line.trim_start_matches([' ', '\t', '>']).trim_end();
    (content.starts_with('<') && content.contains("data-mdbook-design=\""))
        || (content.ends_with("-->") && content.contains("<!-- mdbook-design:"))
}

/// Case-blind word counts of the lines that do not carry the tool's marker; a word is a run of
/// letters and digits.
pub fn words(text: &str) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for line in text.split('\n').filter(|l| !is_marked(l)) {
        let line = without_directives(line);
        for w in line.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
            *out.entry(w.to_lowercase()).or_insert(0) += 1;
        }
    }
    out
}

/// Checks that every word of `input` is still in `output`, but for the documented edits;
/// `Err` names the words that were lost.
pub fn check_preserved(input: &str, output: &str) -> Result<(), String> {
    let before = words(input);
    let after = words(output);
    let mut lost: BTreeMap<String, usize> = BTreeMap::new();
    let mut gained: BTreeMap<String, usize> = BTreeMap::new();
    for (w, &n) in &before {
        let m = after.get(w).copied().unwrap_or(0);
        if m < n {
            lost.insert(w.clone(), n - m);
        }
    }
    for (w, &n) in &after {
        let m = before.get(w).copied().unwrap_or(0);
        if n > m {
            gained.insert(w.clone(), n - m);
        }
    }
    // (a) Renames: a heading whose letters are those of an output heading (`NonGo-als` ->
    // `Non-Goals`), then words joined (`Draw Backs` -> `Drawbacks`) or split anywhere.
    settle_renamed_headings(input, output, &mut lost, &mut gained);
    settle_joins(&mut gained, &mut lost);
    settle_joins(&mut lost, &mut gained);
    // (b) and (c): the prompt and the list of choices, at most as often as the input has them.
    let lower = input.to_lowercase();
    let prompts = lower.matches("one of").count();
    let choice_lists = input.split('\n').filter(|l| is_choice_list(l)).count();
    for (w, limit) in [("one", prompts), ("of", prompts)] {
        reduce(&mut lost, w, limit);
    }
    for w in STATUS_WORDS {
        reduce(&mut lost, w, choice_lists + prompts);
    }
    lost.retain(|_, n| *n > 0);
    if lost.is_empty() {
        Ok(())
    } else {
        let list: Vec<String> = lost.iter().map(|(w, n)| format!("{w:?} x{n}")).collect();
        Err(format!("words lost: {}", list.join(", ")))
    }
}

/// The heading lines of `text` (ATX: `#` after any indentation or block quote markers) by their
/// letters and digits, lowercased, with each one's words.
fn headings_by_letters(text: &str) -> BTreeMap<String, Vec<Vec<String>>> {
    let mut out: BTreeMap<String, Vec<Vec<String>>> = BTreeMap::new();
    for line in text.split(['\n', '\r']).filter(|l| !is_marked(l)) {
        if !line.trim_start_matches([' ', '\t', '>']).starts_with('#') {
            continue;
        }
        let letters: String = line.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect();
        let words = line.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase);
        out.entry(letters).or_default().push(words.collect());
    }
    out
}

/// For each input heading whose letters an output heading has in other words, settles the
/// input heading's words in `lost` against the output heading's in `gained`.
fn settle_renamed_headings(
    input: &str,
    output: &str,
    lost: &mut BTreeMap<String, usize>,
    gained: &mut BTreeMap<String, usize>,
) {
    if lost.is_empty() {
        return;
    }
    let mut outputs = headings_by_letters(output);
    for (letters, headings) in headings_by_letters(input) {
        let Some(renamed) = outputs.get_mut(&letters) else { continue };
        for words in headings {
            let Some(new) = renamed.pop() else { break };
            if words == new {
                continue;
            }
            for w in &words {
                reduce(lost, w, 1);
            }
            for w in &new {
                reduce(gained, w, 1);
            }
        }
    }
    lost.retain(|_, n| *n > 0);
    gained.retain(|_, n| *n > 0);
}

/// A line without the `{{#design-index ...}}` and `{{#design-releases ...}}` directives in it.
fn without_directives(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(at) = ["{{#design-index", "{{#design-releases"].iter().filter_map(|d| rest.find(d)).min() {
        out.push_str(&rest[..at]);
        match rest[at..].find("}}") {
            Some(end) => rest = &rest[at + end + 2..],
            None => {
                rest = &rest[at..];
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Whether a line lists several status words separated by `|` (the template's choices).
fn is_choice_list(line: &str) -> bool {
    let lower = line.to_lowercase();
    lower.contains('|') && STATUS_WORDS.iter().filter(|w| lower.contains(*w)).count() >= 2
}

fn reduce(map: &mut BTreeMap<String, usize>, word: &str, by: usize) {
    if let Some(n) = map.get_mut(word) {
        *n = n.saturating_sub(by);
    }
}

/// For each word of `whole` that is a concatenation of words of `parts` (with their counts),
/// removes both: the rename joined (or split) those words.
fn settle_joins(whole: &mut BTreeMap<String, usize>, parts: &mut BTreeMap<String, usize>) {
    let candidates: Vec<String> = whole.keys().cloned().collect();
    for w in candidates {
        while whole.get(&w).copied().unwrap_or(0) > 0 {
            let Some(split) = segment(&w, parts) else { break };
            if split.len() < 2 {
                break;
            }
            for p in &split {
                *parts.get_mut(p).expect("segment uses present parts") -= 1;
            }
            *whole.get_mut(&w).expect("present") -= 1;
            parts.retain(|_, n| *n > 0);
        }
    }
    whole.retain(|_, n| *n > 0);
}

/// A split of `word` into words available in `parts` (respecting counts), if there is one.
/// Words longer than a heading's are never renamed, and the search would backtrack on them.
fn segment(word: &str, parts: &BTreeMap<String, usize>) -> Option<Vec<String>> {
    if word.len() > 64 {
        return None;
    }
    fn go(rest: &str, parts: &BTreeMap<String, usize>, used: &mut BTreeMap<String, usize>) -> Option<Vec<String>> {
        if rest.is_empty() {
            return Some(Vec::new());
        }
        for (p, &n) in parts {
            if rest.starts_with(p.as_str()) && used.get(p).copied().unwrap_or(0) < n {
                *used.entry(p.clone()).or_insert(0) += 1;
                if let Some(mut tail) = go(&rest[p.len()..], parts, used) {
                    tail.insert(0, p.clone());
                    return Some(tail);
                }
                *used.get_mut(p).expect("just added") -= 1;
            }
        }
        None
    }
    go(word, parts, &mut BTreeMap::new())
}
