//! Issue #13: every external program that the tests, scripts, benchmarks, `.ci/run` and the
//! Makefile call is named in `scripts/programs.txt` with how it is installed, and
//! `scripts/setup.sh` really installs it. (The issue: `spawnSync pdftoppm ENOENT` on a fresh
//! machine, because setup never installed poppler-utils and CI ran where it was there by hand.)
//!
//! The check, in three parts:
//! 1. It reads every file under `scripts/`, `tests/` (not `node_modules`) and `.ci/`, and the
//!    Makefile, and finds the programs they call: command words of the shell scripts (after
//!    pipes, `&&`, `;`, `$(`, `exec`, `env`, `dbus-run-session --`, ...; shell builtins,
//!    keywords, functions, variables and the project's own scripts are skipped), the lists that
//!    a script checks with `command -v "$tool"`, `cargo <subcommand>` plugins (`cargo fmt` needs
//!    `cargo-fmt`), `CC`/`AR` variables, `execFileSync` / `spawnSync` / `spawn` / `execSync` /
//!    `exec` in the JavaScript, `subprocess` in the Python (also in shell here-documents),
//!    `Command::new("...")` in the Rust tests, shebangs, and absolute program paths such as
//!    Chromium's. A called program missing from the list fails, naming the file that calls it;
//!    so does a listed program that nothing calls any more.
//! 2. Each listed program must be installed by `scripts/setup.sh`: an `apt` program's package
//!    must be in its `APT_PACKAGES`, a `cargo` one needs a `cargo install <crate>` line, a
//!    `rustup` one a `rustup component add`, an `npm` one `npm ci` and an entry in
//!    `tests/e2e/package.json`, a `pip` one a `pip install`.
//! 3. On this machine (the test runs after setup in `make test`): each program is found on the
//!    PATH that `scripts/env.sh` makes, and `dpkg -S` on that file names the listed apt package
//!    (or a package it depends on, e.g. imagemagick -> imagemagick-6.q16); a `base` program's
//!    package must be Essential or Priority required (present on every Debian, checked with
//!    dpkg-query); cargo/rustup programs must be in cargo's bin folder and npm ones in
//!    `tests/e2e/node_modules/.bin`. `machine` programs (the image's own Rust toolchain, Python,
//!    Node.js and git) only need to be found.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const LIST: &str = "scripts/programs.txt";
const SETUP: &str = "scripts/setup.sh";

// ------------------------------------------------------------------------------- the list

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum How {
    Apt,
    Base,
    Cargo,
    Rustup,
    Npm,
    Pip,
    Machine,
}

#[derive(Debug, Clone)]
struct Entry {
    program: String,
    how: How,
    /// apt/base: the package; cargo: the crate; rustup: the component; npm/pip: the package;
    /// machine: a description.
    what: String,
}

fn parse_list(text: &str) -> (Vec<Entry>, Vec<String>) {
    let mut entries: Vec<Entry> = Vec::new();
    let mut problems = Vec::new();
    for (n, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut words = line.split_whitespace();
        let program = words.next().unwrap_or_default().to_string();
        let how = match words.next().unwrap_or_default() {
            "apt" => How::Apt,
            "base" => How::Base,
            "cargo" => How::Cargo,
            "rustup" => How::Rustup,
            "npm" => How::Npm,
            "pip" => How::Pip,
            "machine" => How::Machine,
            other => {
                problems.push(format!(
                    "{LIST}:{}: `{other}` is not one of apt, base, cargo, rustup, npm, pip, machine",
                    n + 1
                ));
                continue;
            }
        };
        let what = words.collect::<Vec<_>>().join(" ");
        if what.is_empty() {
            problems.push(format!(
                "{LIST}:{}: {program}: name its package (or crate, component, reason)",
                n + 1
            ));
            continue;
        }
        if entries.iter().any(|e| e.program == program) {
            problems.push(format!("{LIST}:{}: {program} is listed twice", n + 1));
            continue;
        }
        entries.push(Entry { program, how, what });
    }
    (entries, problems)
}

// ------------------------------------------------------------- finding the programs called

/// What scanning collects: programs per file, shell functions defined anywhere (the scripts
/// source each other), and calls whose program cannot be read from the source.
#[derive(Default)]
struct Sink {
    programs: Vec<String>,
    functions: BTreeSet<String>,
    problems: Vec<String>,
}

impl Sink {
    fn record(&mut self, program: &str) {
        self.programs.push(program.to_string());
    }
}

struct Found {
    /// program -> files (relative to the root) that call it
    calls: BTreeMap<String, BTreeSet<String>>,
    problems: Vec<String>,
}

fn source_files(root: &Path) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(rd) = fs::read_dir(dir) else { return };
        let mut entries: Vec<_> = rd.flatten().map(|e| e.path()).collect();
        entries.sort();
        for p in entries {
            let name = p
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .to_string();
            if p.is_dir() {
                if name != "node_modules" && name != "target" {
                    walk(&p, out);
                }
            } else {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    for d in ["scripts", "tests", ".ci"] {
        walk(&root.join(d), &mut out);
    }
    out.push(root.join("Makefile"));
    out
}

fn scan(root: &Path) -> Found {
    let mut calls: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut functions = BTreeSet::new();
    let mut problems = Vec::new();
    for path in source_files(root) {
        let Ok(text) = fs::read_to_string(&path) else {
            continue;
        };
        let rel = path
            .strip_prefix(root)
            .unwrap_or(&path)
            .to_string_lossy()
            .to_string();
        let mut sink = Sink::default();
        if !scan_file(&rel, &text, &mut sink) {
            continue;
        }
        for p in sink.programs {
            calls.entry(p).or_default().insert(rel.clone());
        }
        functions.extend(sink.functions);
        problems.extend(sink.problems.into_iter().map(|p| format!("{rel}: {p}")));
    }
    calls.retain(|p, _| !functions.contains(p));
    Found { calls, problems }
}

/// Scans one file by its kind; false when it is not a kind that calls programs.
fn scan_file(rel: &str, text: &str, sink: &mut Sink) -> bool {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    let first = text.lines().next().unwrap_or_default();
    let ext = name.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    let kind = match ext {
        "sh" | "bash" => "sh",
        "mjs" | "js" | "cjs" => "js",
        "py" => "py",
        "rs" => "rs",
        _ if name == "Makefile" => "make",
        "" if first.starts_with("#!") && (first.contains("bash") || first.ends_with("/sh")) => "sh",
        "" if first.starts_with("#!") && first.contains("python") => "py",
        "" if first.starts_with("#!") && first.contains("node") => "js",
        _ => return false,
    };
    if let Some(rest) = first.strip_prefix("#!") {
        // An env shebang (`env bash`) runs bash; the env path itself is found below.
        let mut words = rest.split_whitespace();
        if words.next().is_some_and(|w| w.ends_with("/env")) {
            if let Some(interp) = words.find(|w| !w.starts_with('-')) {
                sink.record(interp);
            }
        }
    }
    absolute_paths(text, sink);
    match kind {
        "sh" => shell_script(&text.chars().collect::<Vec<_>>(), sink),
        "js" => javascript(text, sink),
        "py" => python(text, sink),
        "rs" => rust(text, sink),
        _ => makefile(text, sink),
    }
    true
}

/// Programs named by absolute path under usr/bin, usr/libexec, bin, ...: Debian's python3 for the
/// AT-SPI driver, the AT-SPI bus launcher, Chromium's `executablePath`, the Makefile's `SHELL`.
fn absolute_paths(text: &str, sink: &mut Sink) {
    let b = text.as_bytes();
    for dir in [
        "/usr/bin/",
        "/usr/sbin/",
        "/usr/libexec/",
        "/bin/",
        "/sbin/",
    ] {
        let mut from = 0;
        while let Some(pos) = text[from..].find(dir) {
            let start = from + pos;
            from = start + dir.len();
            if start > 0 {
                let before = b[start - 1] as char;
                if before.is_ascii_alphanumeric() || "_./-~$}".contains(before) {
                    continue; // /usr/local/bin/, $HOME/.cargo/bin/, ...
                }
            }
            let mut end = from;
            while end < b.len() {
                let c = b[end] as char;
                let ok = c.is_ascii_alphanumeric()
                    || "._+-".contains(c)
                    || (c == '/' && dir == "/usr/libexec/");
                if !ok {
                    break;
                }
                end += 1;
            }
            if end > from {
                sink.record(&text[start..end]);
            }
        }
    }
}

// ----------------------------------------------------------------------------- shell

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Word(String),
    Op(&'static str),
    /// A redirection operator; the next word is its target (here-documents have none).
    Redir,
    Newline,
}

fn shell_script(c: &[char], sink: &mut Sink) {
    let toks = tokenize(c, sink);
    parse_tokens(&toks, sink);
}

fn shell_str(s: &str, sink: &mut Sink) {
    shell_script(&s.chars().collect::<Vec<_>>(), sink);
}

fn starts(c: &[char], i: usize, s: &str) -> bool {
    s.chars()
        .enumerate()
        .all(|(k, ch)| c.get(i + k) == Some(&ch))
}

/// Index of the `)` matching the `(` at `open` (quotes, nested substitutions and comments
/// skipped), or the last index when it is unterminated.
fn find_close(c: &[char], open: usize) -> usize {
    let mut depth = 0usize;
    let mut i = open;
    while i < c.len() {
        match c[i] {
            '(' => depth += 1,
            ')' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return i;
                }
            }
            '\\' => i += 1,
            '\'' => i = skip_squote(c, i) - 1,
            '"' => i = skip_dquote(c, i, None) - 1,
            '`' => i = find_backtick(c, i),
            '#' if i > 0 && (c[i - 1].is_whitespace() || c[i - 1] == '(') => {
                while i + 1 < c.len() && c[i + 1] != '\n' {
                    i += 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    c.len().saturating_sub(1)
}

/// Index of the `}` matching the `{` at `open`.
fn find_brace(c: &[char], open: usize) -> usize {
    let mut depth = 0usize;
    let mut i = open;
    while i < c.len() {
        match c[i] {
            '{' => depth += 1,
            '}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return i;
                }
            }
            '\\' => i += 1,
            '"' => i = skip_dquote(c, i, None) - 1,
            _ => {}
        }
        i += 1;
    }
    c.len().saturating_sub(1)
}

fn find_backtick(c: &[char], open: usize) -> usize {
    let mut i = open + 1;
    while i < c.len() && c[i] != '`' {
        if c[i] == '\\' {
            i += 1;
        }
        i += 1;
    }
    i.min(c.len().saturating_sub(1))
}

/// Index just after the `'...'` starting at `i`.
fn skip_squote(c: &[char], i: usize) -> usize {
    let mut j = i + 1;
    while j < c.len() && c[j] != '\'' {
        j += 1;
    }
    (j + 1).min(c.len())
}

/// Index just after the `"..."` starting at `i`; with a sink, the substitutions inside are
/// scanned for commands.
fn skip_dquote(c: &[char], i: usize, mut sink: Option<&mut Sink>) -> usize {
    let mut j = i + 1;
    while j < c.len() {
        match c[j] {
            '\\' => j += 2,
            '"' => return j + 1,
            '$' | '`' => {
                let end = dollar(c, j, sink.as_deref_mut());
                j = end.max(j + 1);
            }
            _ => j += 1,
        }
    }
    c.len()
}

/// At a `$` or a backtick: scans `$(...)`, `$((...))`, `${...}` or `` `...` `` (with a sink)
/// and returns the index after it (or after the `$`).
fn dollar(c: &[char], i: usize, sink: Option<&mut Sink>) -> usize {
    if c[i] == '`' {
        let end = find_backtick(c, i);
        if let Some(s) = sink {
            shell_script(&c[i + 1..end], s);
        }
        return end + 1;
    }
    match c.get(i + 1) {
        Some('(') => {
            let end = find_close(c, i + 1);
            if let Some(s) = sink {
                if c.get(i + 2) == Some(&'(') {
                    substitutions(&c[(i + 3).min(end)..end], false, s); // arithmetic
                } else {
                    shell_script(&c[(i + 2).min(end)..end], s);
                }
            }
            end + 1
        }
        Some('{') => {
            let end = find_brace(c, i + 1);
            if let Some(s) = sink {
                substitutions(&c[(i + 2).min(end)..end], false, s);
            }
            end + 1
        }
        _ => i + 1,
    }
}

/// Finds the command substitutions in text that is not a command line (arithmetic, `${...}`,
/// array values, here-document bodies: there `'` is an ordinary character).
fn substitutions(c: &[char], heredoc: bool, sink: &mut Sink) {
    let mut i = 0;
    while i < c.len() {
        match c[i] {
            '\\' => i += 2,
            '\'' if !heredoc => i = skip_squote(c, i),
            '$' | '`' => i = dollar(c, i, Some(sink)).max(i + 1),
            _ => i += 1,
        }
    }
}

fn tokenize(c: &[char], sink: &mut Sink) -> Vec<Tok> {
    let mut toks = Vec::new();
    let mut heredocs: Vec<(String, bool, bool)> = Vec::new(); // delimiter, <<-, quoted
    let mut i = 0;
    while i < c.len() {
        let next = c.get(i + 1).copied();
        match c[i] {
            ' ' | '\t' | '\r' => i += 1,
            '\\' if next == Some('\n') => i += 2,
            '\n' => {
                toks.push(Tok::Newline);
                i += 1;
                for (delim, strip, quoted) in std::mem::take(&mut heredocs) {
                    let mut body = String::new();
                    while i < c.len() {
                        let end = (i..c.len()).find(|&k| c[k] == '\n').unwrap_or(c.len());
                        let line: String = c[i..end].iter().collect();
                        i = (end + 1).min(c.len());
                        let cmp = if strip {
                            line.trim_start_matches('\t')
                        } else {
                            &line
                        };
                        if cmp == delim {
                            break;
                        }
                        body.push_str(&line);
                        body.push('\n');
                    }
                    if !quoted {
                        substitutions(&body.chars().collect::<Vec<_>>(), true, sink);
                    }
                    python(&body, sink); // inline Python (`python3 - <<'PY'`)
                }
            }
            '#' => {
                while i < c.len() && c[i] != '\n' {
                    i += 1;
                }
            }
            '|' => {
                let two = matches!(next, Some('|') | Some('&'));
                toks.push(Tok::Op(if next == Some('|') { "||" } else { "|" }));
                i += if two { 2 } else { 1 };
            }
            '&' => {
                if next == Some('&') {
                    toks.push(Tok::Op("&&"));
                    i += 2;
                } else if next == Some('>') {
                    toks.push(Tok::Redir);
                    i += if c.get(i + 2) == Some(&'>') { 3 } else { 2 };
                } else {
                    toks.push(Tok::Op("&"));
                    i += 1;
                }
            }
            ';' => {
                if next == Some(';') || next == Some('&') {
                    toks.push(Tok::Op(";;"));
                    i += 2;
                    if c.get(i) == Some(&'&') {
                        i += 1;
                    }
                } else {
                    toks.push(Tok::Op(";"));
                    i += 1;
                }
            }
            '(' => {
                let command_start =
                    matches!(toks.last(), None | Some(Tok::Newline) | Some(Tok::Op(_)));
                if next == Some('(') && command_start {
                    // (( arithmetic ))
                    let end = find_close(c, i);
                    substitutions(&c[(i + 2).min(end)..end], false, sink);
                    i = end + 1;
                } else {
                    toks.push(Tok::Op("("));
                    i += 1;
                }
            }
            ')' => {
                toks.push(Tok::Op(")"));
                i += 1;
            }
            '<' | '>' => {
                if next == Some('(') {
                    // process substitution <(...) / >(...)
                    let end = find_close(c, i + 1);
                    shell_script(&c[(i + 2).min(end)..end], sink);
                    toks.push(Tok::Word("<(...)".into()));
                    i = end + 1;
                } else if starts(c, i, "<<<") {
                    toks.push(Tok::Redir);
                    i += 3;
                } else if starts(c, i, "<<") {
                    i += 2;
                    let strip = c.get(i) == Some(&'-');
                    if strip {
                        i += 1;
                    }
                    while i < c.len() && (c[i] == ' ' || c[i] == '\t') {
                        i += 1;
                    }
                    let (raw, end) = read_word(c, i, sink);
                    i = end;
                    let quoted = raw.contains(['\'', '"', '\\']);
                    heredocs.push((unquote(&raw), strip, quoted));
                } else {
                    toks.push(Tok::Redir);
                    i += 1;
                    if matches!(c.get(i), Some('>') | Some('&') | Some('|')) {
                        i += 1;
                    }
                }
            }
            _ => {
                let (word, end) = read_word(c, i, sink);
                i = end.max(i + 1);
                let fd = !word.is_empty() && word.chars().all(|ch| ch.is_ascii_digit());
                if fd && matches!(c.get(i), Some('<') | Some('>')) {
                    continue; // the 2 of 2>&1
                }
                toks.push(Tok::Word(word));
            }
        }
    }
    toks
}

/// Reads one shell word (quotes kept) from `i`; scans the substitutions in it.
fn read_word(c: &[char], start: usize, sink: &mut Sink) -> (String, usize) {
    let mut i = start;
    while i < c.len() {
        match c[i] {
            ' ' | '\t' | '\n' | '\r' | '|' | '&' | ';' | '<' | '>' | ')' => break,
            '(' => {
                if i > start && c[i - 1] == '=' {
                    // NAME=( array values )
                    let end = find_close(c, i);
                    tokenize(&c[i + 1..end], sink);
                    i = end + 1;
                    continue;
                }
                break;
            }
            '\\' => i += 2,
            '\'' => i = skip_squote(c, i),
            '"' => i = skip_dquote(c, i, Some(sink)),
            '$' | '`' => i = dollar(c, i, Some(sink)).max(i + 1),
            _ => i += 1,
        }
    }
    let i = i.min(c.len());
    (c[start..i].iter().collect(), i)
}

/// Removes shell quoting (expansions are left as they are).
fn unquote(w: &str) -> String {
    let mut out = String::new();
    let mut chars = w.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '\'' => {
                for c in chars.by_ref() {
                    if c == '\'' {
                        break;
                    }
                    out.push(c);
                }
            }
            '"' => {
                while let Some(c) = chars.next() {
                    match c {
                        '"' => break,
                        '\\' if matches!(chars.peek(), Some('"' | '\\' | '$' | '`')) => {
                            out.push(chars.next().unwrap_or_default());
                        }
                        _ => out.push(c),
                    }
                }
            }
            '\\' => {
                if let Some(c) = chars.next() {
                    out.push(c);
                }
            }
            _ => out.push(ch),
        }
    }
    out
}

/// `NAME=value`, `NAME+=value`, `NAME[i]=value`: the name.
fn assignment_name(w: &str) -> Option<&str> {
    let eq = w.find('=')?;
    let name = w[..eq].trim_end_matches('+');
    let name = name.split('[').next().unwrap_or(name);
    let mut chars = name.chars();
    let first = chars.next()?;
    if (first.is_ascii_alphabetic() || first == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
    {
        Some(name)
    } else {
        None
    }
}

/// `CC_aarch64_linux_android=clang`, `AR_...=llvm-ar-14`: tools that cargo build scripts run.
fn tool_assignment(w: &str, sink: &mut Sink) {
    let Some(name) = assignment_name(w) else {
        return;
    };
    let tool = ["CC", "CXX", "AR", "LD"]
        .iter()
        .any(|t| name == *t || name.starts_with(&format!("{t}_")));
    if tool {
        let value = unquote(&w[w.find('=').unwrap_or(0) + 1..]);
        if is_program_name(&value) {
            sink.record(&value);
        }
    }
}

fn is_program_name(w: &str) -> bool {
    let mut chars = w.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || "._+-".contains(c))
}

const BUILTINS: &str =
    ". : [ alias bg bind break builtin caller cd command compgen complete compopt continue \
     declare dirs disown echo enable eval exec exit export false fc fg getopts hash help \
     history jobs kill let local logout mapfile popd printf pushd pwd read readarray readonly \
     return set shift shopt source suspend test times trap true type typeset ulimit umask \
     unalias unset wait";

/// cargo's own subcommands; any other (`cargo fmt`, `cargo fuzz`) runs a `cargo-<name>` program.
const CARGO_BUILTIN: &str =
    "add bench build check clean config doc fetch fix generate-lockfile help info init \
     install locate-project login logout metadata new owner package pkgid publish remove \
     report run rustc rustdoc search test tree uninstall update vendor verify-project version \
     yank";

fn is_builtin(w: &str) -> bool {
    BUILTINS.split_whitespace().any(|b| b == w)
}

enum Ctx {
    Paren,
    Case { pattern: bool },
}

fn parse_tokens(toks: &[Tok], sink: &mut Sink) {
    let word = |i: usize| match toks.get(i) {
        Some(Tok::Word(w)) => Some(w.as_str()),
        _ => None,
    };
    let mut stack: Vec<Ctx> = Vec::new();
    let mut cmd_pos = true;
    let mut i = 0;
    while i < toks.len() {
        // Inside `case ... in`, before a pattern's `)`: nothing here is a command.
        if let Some(Ctx::Case { pattern: true }) = stack.last() {
            if word(i) == Some("esac") {
                stack.pop();
                cmd_pos = false;
            } else if toks[i] == Tok::Op(")") {
                stack.pop();
                stack.push(Ctx::Case { pattern: false });
                cmd_pos = true;
            }
            i += 1;
            continue;
        }
        match &toks[i] {
            Tok::Newline => cmd_pos = true,
            Tok::Op(";;") => {
                cmd_pos = true;
                if let Some(Ctx::Case { pattern }) = stack.last_mut() {
                    *pattern = true;
                }
            }
            Tok::Op("(") => {
                stack.push(Ctx::Paren);
                cmd_pos = true;
            }
            Tok::Op(")") => {
                if matches!(stack.last(), Some(Ctx::Paren)) {
                    stack.pop();
                }
                cmd_pos = false;
            }
            Tok::Op(_) => cmd_pos = true,
            Tok::Redir => {
                if word(i + 1).is_some() {
                    i += 1;
                }
            }
            Tok::Word(_) if !cmd_pos => {}
            Tok::Word(w) => {
                if assignment_name(w).is_some() {
                    tool_assignment(w, sink);
                    i += 1;
                    continue;
                }
                match w.as_str() {
                    "if" | "then" | "else" | "elif" | "do" | "while" | "until" | "!" | "{"
                    | "time" => {}
                    "fi" | "done" | "}" => cmd_pos = false,
                    "esac" => {
                        if matches!(stack.last(), Some(Ctx::Case { .. })) {
                            stack.pop();
                        }
                        cmd_pos = false;
                    }
                    "case" => {
                        while i < toks.len() && word(i) != Some("in") {
                            i += 1;
                        }
                        stack.push(Ctx::Case { pattern: true });
                    }
                    "for" | "select" => i = for_loop(toks, i, sink),
                    "[[" => {
                        while i < toks.len() && word(i) != Some("]]") {
                            i += 1;
                        }
                        cmd_pos = false;
                    }
                    "function" => {
                        if let Some(name) = word(i + 1) {
                            sink.functions.insert(name.to_string());
                            i += 1;
                        }
                        if toks.get(i + 1) == Some(&Tok::Op("(")) {
                            i += 2;
                        }
                    }
                    _ if toks.get(i + 1) == Some(&Tok::Op("("))
                        && toks.get(i + 2) == Some(&Tok::Op(")")) =>
                    {
                        sink.functions.insert(unquote(w));
                        i += 2;
                    }
                    _ => {
                        let mut words = vec![w.clone()];
                        let mut j = i + 1;
                        while j < toks.len() {
                            match &toks[j] {
                                Tok::Word(x) => words.push(x.clone()),
                                Tok::Redir => {
                                    if word(j + 1).is_some() {
                                        j += 1;
                                    }
                                }
                                _ => break,
                            }
                            j += 1;
                        }
                        simple_command(&words, sink);
                        i = j;
                        cmd_pos = false;
                        continue;
                    }
                }
            }
        }
        i += 1;
    }
}

/// `for VAR in WORDS; do ... done`: returns the index of `do`. When the body checks
/// `command -v "$VAR"`, the words are programs (desktop-smoke.sh's tool list).
fn for_loop(toks: &[Tok], start: usize, sink: &mut Sink) -> usize {
    let word = |i: usize| match toks.get(i) {
        Some(Tok::Word(w)) => Some(w.as_str()),
        _ => None,
    };
    let var = word(start + 1).unwrap_or_default().to_string();
    let mut list = Vec::new();
    let mut i = start + 2;
    if word(i) == Some("in") {
        i += 1;
        while let Some(w) = word(i) {
            list.push(unquote(w));
            i += 1;
        }
    }
    while i < toks.len() && word(i) != Some("do") {
        i += 1;
    }
    let do_at = i;
    let mut depth = 0;
    let mut j = do_at;
    let var_refs = [format!("${var}"), format!("${{{var}}}")];
    while j < toks.len() {
        match word(j) {
            Some("do") => depth += 1,
            Some("done") => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            Some("command")
                if word(j + 1) == Some("-v")
                    && word(j + 2).is_some_and(|w| var_refs.contains(&unquote(w))) =>
            {
                for p in list.iter().filter(|p| is_program_name(p)) {
                    sink.record(p);
                }
            }
            _ => {}
        }
        j += 1;
    }
    do_at
}

/// One simple command's words (quotes kept, redirections removed).
fn simple_command(words: &[String], sink: &mut Sink) {
    let mut k = 0;
    let skip_options = |k: &mut usize| {
        while *k < words.len() && unquote(&words[*k]).starts_with('-') {
            *k += 1;
        }
    };
    while k < words.len() {
        let raw = &words[k];
        if assignment_name(raw).is_some() {
            tool_assignment(raw, sink);
            k += 1;
            continue;
        }
        let w = unquote(raw);
        if w == "$SUDO" || w == "${SUDO}" {
            k += 1; // `$SUDO apt-get ...` (empty as root, sudo otherwise)
            continue;
        }
        if w.is_empty() || w.contains('$') || w.contains('`') {
            return; // "$fn", "$@", "${DRIVER[@]}": not a name written here
        }
        if is_builtin(&w) {
            match w.as_str() {
                "exec" | "builtin" => {
                    k += 1;
                    skip_options(&mut k);
                    continue;
                }
                "command"
                    if matches!(
                        words.get(k + 1).map(|x| unquote(x)).as_deref(),
                        Some("-v" | "-V")
                    ) =>
                {
                    for x in &words[k + 2..] {
                        let x = unquote(x);
                        if is_program_name(&x) && !is_builtin(&x) {
                            sink.record(&x);
                        }
                    }
                    return;
                }
                "command" => {
                    k += 1;
                    skip_options(&mut k);
                    continue;
                }
                "trap" => {
                    if let Some(action) = words.get(k + 1) {
                        shell_str(&unquote(action), sink);
                    }
                    return;
                }
                "export" | "local" | "declare" | "readonly" | "typeset" => {
                    for x in &words[k + 1..] {
                        tool_assignment(x, sink);
                    }
                    return;
                }
                _ => return,
            }
        }
        if w.starts_with('/') {
            sink.record(&w);
        } else if w.contains('/') || !is_program_name(&w) {
            return; // the project's own scripts (scripts/setup.sh), or not a name
        } else {
            sink.record(&w);
        }
        let base = w.rsplit('/').next().unwrap_or(&w).to_string();
        k += 1;
        match base.as_str() {
            "env" => {
                while k < words.len()
                    && (unquote(&words[k]).starts_with('-') || assignment_name(&words[k]).is_some())
                {
                    k += 1;
                }
            }
            "sudo" | "nohup" | "nice" | "stdbuf" | "xargs" => skip_options(&mut k),
            "timeout" => {
                skip_options(&mut k);
                k += 1;
            }
            "dbus-run-session" => match words[k..].iter().position(|x| x == "--") {
                Some(p) => k += p + 1,
                None => skip_options(&mut k),
            },
            "bash" | "sh" => {
                if words.get(k).map(|x| unquote(x)).as_deref() == Some("-c") {
                    if let Some(script) = words.get(k + 1) {
                        shell_str(&unquote(script), sink);
                    }
                }
                return;
            }
            "cargo" => {
                let sub = words[k..]
                    .iter()
                    .map(|x| unquote(x))
                    .find(|x| !x.starts_with('-') && !x.starts_with('+'));
                if let Some(sub) = sub {
                    if is_program_name(&sub) && !CARGO_BUILTIN.split_whitespace().any(|b| b == sub)
                    {
                        sink.record(&format!("cargo-{sub}"));
                    }
                }
                return;
            }
            _ => return,
        }
    }
}

fn makefile(text: &str, sink: &mut Sink) {
    let mut vars: BTreeMap<String, String> = BTreeMap::new();
    for line in text.lines().filter(|l| !l.starts_with('\t')) {
        for op in [":=", "?=", "+=", "="] {
            if let Some((name, value)) = line.split_once(op) {
                let name = name.trim();
                if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                    vars.insert(name.to_string(), value.trim().to_string());
                }
                break;
            }
        }
    }
    let mut recipe = String::new();
    for line in text.lines() {
        let Some(body) = line.strip_prefix('\t') else {
            continue;
        };
        recipe.push_str(body.trim_start_matches(['@', '-', '+']));
        recipe.push('\n');
    }
    let mut expanded = recipe.replace("$$", "\u{1}");
    for (name, value) in &vars {
        expanded = expanded.replace(&format!("$({name})"), value);
        expanded = expanded.replace(&format!("${{{name}}}"), value);
    }
    shell_str(&expanded.replace('\u{1}', "$"), sink);
}

/// A string literal starting at byte `i` (after spaces): its contents, or None.
fn string_literal(text: &str, i: usize) -> Option<String> {
    let rest = text[i..].trim_start();
    let quote = rest.chars().next()?;
    if !"'\"`".contains(quote) {
        return None;
    }
    let mut out = String::new();
    let mut chars = rest[1..].chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push(chars.next()?),
            c if c == quote => return Some(out),
            '$' if quote == '`' => return None, // template literal with ${...}
            c => out.push(c),
        }
    }
    None
}

fn record_literal(program: &str, sink: &mut Sink) {
    if program.starts_with('/') || is_program_name(program) {
        sink.record(program);
    }
}

/// `execFileSync('pdftoppm', ...)`, `spawn('python3', ...)`, `execSync('cmd ...')`.
fn javascript(text: &str, sink: &mut Sink) {
    for (name, shell) in [
        ("execFileSync", false),
        ("execFile", false),
        ("spawnSync", false),
        ("spawn", false),
        ("execSync", true),
        ("exec", true),
    ] {
        let pat = format!("{name}(");
        let mut from = 0;
        while let Some(pos) = text[from..].find(&pat) {
            let at = from + pos;
            from = at + pat.len();
            let before = text[..at].chars().next_back();
            let bare = before.is_none_or(|c| !(c.is_alphanumeric() || c == '_' || c == '$'));
            let member = before == Some('.');
            if !bare || (member && !text[..at].ends_with("child_process.")) {
                continue; // regex.exec(...), page.exec(...)
            }
            match string_literal(text, from) {
                Some(s) if shell => shell_str(&s, sink),
                Some(s) => record_literal(&s, sink),
                None => sink.problems.push(format!(
                    "{name}(...) with a program that is not a string literal: write the \
                     program's name so this check can see it"
                )),
            }
        }
    }
}

/// `subprocess.run(["xdotool", ...])`, `os.system("...")`.
fn python(text: &str, sink: &mut Sink) {
    for (name, shell) in [
        ("subprocess.run(", false),
        ("subprocess.call(", false),
        ("subprocess.check_call(", false),
        ("subprocess.check_output(", false),
        ("subprocess.Popen(", false),
        ("os.system(", true),
        ("os.popen(", true),
        ("shutil.which(", false),
    ] {
        let mut from = 0;
        while let Some(pos) = text[from..].find(name) {
            let at = from + pos;
            from = at + name.len();
            let rest = text[from..].trim_start();
            let (list, start) = match rest.strip_prefix('[') {
                Some(r) => (true, text.len() - r.len()),
                None => (false, from),
            };
            let end = text[from..].find(')').map_or(text.len(), |e| from + e);
            let shell = shell || text[from..end].contains("shell=True");
            match string_literal(text, start) {
                Some(s) if shell && !list => shell_str(&s, sink),
                Some(s) => record_literal(s.split_whitespace().next().unwrap_or_default(), sink),
                None => sink.problems.push(format!(
                    "{name}...) with a program that is not a string literal: write the \
                     program's name so this check can see it"
                )),
            }
        }
    }
}

/// `Command::new` with a string literal. A non-literal (`&exe`) is the test's own binary.
fn rust(text: &str, sink: &mut Sink) {
    let pat = "Command::new(";
    let mut from = 0;
    while let Some(pos) = text[from..].find(pat) {
        from += pos + pat.len();
        if let Some(s) = string_literal(text, from) {
            record_literal(&s, sink);
        }
    }
}

// ------------------------------------------------------------------- what setup.sh installs

fn strip_comment(line: &str) -> &str {
    let b = line.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        if c == b'#' && (i == 0 || b[i - 1].is_ascii_whitespace() || b[i - 1] == b'(') {
            return &line[..i];
        }
    }
    line
}

/// The packages of `APT_PACKAGES=( ... )` and `APT_PACKAGES+=( ... )`.
fn apt_packages(setup: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut inside = false;
    for line in setup.lines() {
        let mut code = strip_comment(line);
        if !inside {
            match code
                .find("APT_PACKAGES=(")
                .or_else(|| code.find("APT_PACKAGES+=("))
            {
                Some(p) => {
                    code = &code[p..];
                    code = &code[code.find('(').unwrap_or(0) + 1..];
                    inside = true;
                }
                None => continue,
            }
        }
        let (part, closed) = match code.find(')') {
            Some(p) => (&code[..p], true),
            None => (code, false),
        };
        out.extend(part.split_whitespace().map(str::to_string));
        if closed {
            inside = false;
        }
    }
    out
}

fn code_lines(setup: &str) -> impl Iterator<Item = &str> {
    setup.lines().map(strip_comment)
}

fn has_word(line: &str, word: &str) -> bool {
    line.split(|c: char| c.is_whitespace() || "\"'=;()".contains(c))
        .any(|w| w == word)
}

fn setup_cargo_installs(setup: &str, krate: &str) -> bool {
    code_lines(setup).any(|l| l.contains("cargo install ") && has_word(l, krate))
}

fn setup_pip_installs(setup: &str, package: &str) -> bool {
    code_lines(setup).any(|l| {
        l.contains("pip install ")
            && l.split_whitespace()
                .any(|w| w.trim_matches(['"', '\'']).split("==").next() == Some(package))
    })
}

/// Components added by `rustup component add NAME`, or by a `for c in A B; do` loop whose body
/// runs `rustup component add "$c"`.
fn setup_rustup_components(setup: &str) -> BTreeSet<String> {
    let lines: Vec<&str> = code_lines(setup).collect();
    let mut out = BTreeSet::new();
    for (n, line) in lines.iter().enumerate() {
        if let Some(rest) = line.split("rustup component add ").nth(1) {
            out.extend(
                rest.split_whitespace()
                    .filter(|w| !w.starts_with(['-', '"', '$']))
                    .map(str::to_string),
            );
        }
        let t = line.trim();
        let Some(rest) = t.strip_prefix("for ") else {
            continue;
        };
        let Some((var, list)) = rest.split_once(" in ") else {
            continue;
        };
        let list = list.split(';').next().unwrap_or_default();
        let add = [
            format!("rustup component add \"${var}\""),
            format!("rustup component add ${var}"),
        ];
        for body in &lines[n + 1..] {
            if body.trim() == "done" {
                break;
            }
            if add.iter().any(|a| body.contains(a.as_str())) {
                out.extend(list.split_whitespace().map(str::to_string));
            }
        }
    }
    out
}

fn setup_runs_npm_ci(setup: &str) -> bool {
    code_lines(setup).any(|l| l.contains("npm ci") || l.contains("npm install"))
}

/// Whether tests/e2e/package.json lists the package in its (dev)dependencies.
fn package_json_lists(root: &Path, package: &str) -> bool {
    let Ok(text) = fs::read_to_string(root.join("tests/e2e/package.json")) else {
        return false;
    };
    ["\"dependencies\"", "\"devDependencies\""]
        .iter()
        .any(|key| {
            let Some(at) = text.find(key) else {
                return false;
            };
            let object = &text[at..];
            let object = &object[..object.find('}').unwrap_or(object.len())];
            object.contains(&format!("\"{package}\":"))
        })
}

// --------------------------------------------------------------------- this machine (dpkg)

/// Where each program is on the PATH that scripts/env.sh makes, first the one that runs (empty:
/// not found).
fn resolve(root: &Path, programs: &[&str]) -> BTreeMap<String, Vec<PathBuf>> {
    let script = r#". "$1/scripts/env.sh" || exit 1
shift
for p in "$@"; do type -aP "$p" | while read -r f; do printf '%s\t%s\n' "$p" "$f"; done; done"#;
    let out = Command::new("bash")
        .arg("-c")
        .arg(script)
        .arg("bash")
        .arg(root)
        .args(programs)
        .output()
        .expect("bash runs");
    let mut map: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        if let Some((p, path)) = line.split_once('\t') {
            let list = map.entry(p.to_string()).or_default();
            let path = PathBuf::from(path);
            if path.is_absolute() && !list.contains(&path) {
                list.push(path);
            }
        }
    }
    map
}

/// The same file through Debian's merged /usr (dpkg records sed under bin, PATH finds it under
/// usr/bin).
fn merged_usr_twin(p: &str) -> Option<String> {
    for (a, b) in [
        ("/usr/bin/", "/bin/"),
        ("/usr/sbin/", "/sbin/"),
        ("/usr/lib/", "/lib/"),
    ] {
        if let Some(rest) = p.strip_prefix(a) {
            return Some(format!("{b}{rest}"));
        }
        if let Some(rest) = p.strip_prefix(b) {
            return Some(format!("{a}{rest}"));
        }
    }
    None
}

/// The paths dpkg may know a found file by: itself, its merged-/usr twin, and the same for the
/// file its symlinks lead to (awk -> /etc/alternatives/awk -> mawk).
fn dpkg_candidates(path: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut add = |p: String| {
        if let Some(t) = merged_usr_twin(&p) {
            out.push(p);
            out.push(t);
        } else {
            out.push(p);
        }
    };
    add(path.to_string_lossy().to_string());
    if let Ok(real) = fs::canonicalize(path) {
        add(real.to_string_lossy().to_string());
    }
    out.dedup();
    out
}

/// `dpkg -S` for many paths at once: path -> owning packages.
fn dpkg_owners(paths: &BTreeSet<String>) -> BTreeMap<String, Vec<String>> {
    let mut map: BTreeMap<String, Vec<String>> = BTreeMap::new();
    if paths.is_empty() {
        return map;
    }
    let out = Command::new("dpkg")
        .arg("-S")
        .args(paths)
        .output()
        .expect("dpkg runs (this check needs Debian's dpkg)");
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        if line.starts_with("diversion ") {
            continue;
        }
        let Some((pkgs, path)) = line.split_once(": /") else {
            continue;
        };
        let path = format!("/{path}");
        if !paths.contains(&path) {
            continue;
        }
        let pkgs = pkgs
            .split(", ")
            .map(|p| p.split(':').next().unwrap_or(p).trim().to_string());
        map.entry(path).or_default().extend(pkgs);
    }
    map
}

struct PackageInfo {
    essential: bool,
    priority: String,
    depends: BTreeSet<String>,
}

/// dpkg-query for many packages at once.
fn dpkg_info(packages: &BTreeSet<String>) -> BTreeMap<String, PackageInfo> {
    let mut map = BTreeMap::new();
    if packages.is_empty() {
        return map;
    }
    let out = Command::new("dpkg-query")
        .arg("-W")
        .arg("-f=${Package}\\t${Essential}\\t${Priority}\\t${Depends}, ${Pre-Depends}\\n")
        .args(packages)
        .output()
        .expect("dpkg-query runs (this check needs Debian's dpkg)");
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 4 {
            continue;
        }
        let depends = f[3]
            .split([',', '|'])
            .filter_map(|d| d.split_whitespace().next())
            .map(|d| d.split(':').next().unwrap_or(d).to_string())
            .collect();
        map.insert(
            f[0].to_string(),
            PackageInfo {
                essential: f[1] == "yes",
                priority: f[2].to_string(),
                depends,
            },
        );
    }
    map
}

// ------------------------------------------------------------------------------ the check

fn check(root: &Path, setup: &str, list: &str) -> Vec<String> {
    let (entries, mut problems) = parse_list(list);
    let found = scan(root);
    problems.extend(found.problems);
    let listed: BTreeMap<&str, &Entry> = entries.iter().map(|e| (e.program.as_str(), e)).collect();

    // 1. The list names every program called, and nothing that is not called.
    for (program, files) in &found.calls {
        if !listed.contains_key(program.as_str()) {
            let files: Vec<&str> = files.iter().map(String::as_str).collect();
            problems.push(format!(
                "{program}: called in {} but not listed in {LIST} (add it with its package, \
                 and the package to {SETUP})",
                files.join(", ")
            ));
        }
    }
    for e in &entries {
        if !found.calls.contains_key(&e.program) {
            problems.push(format!(
                "{}: listed in {LIST} but called nowhere in scripts/, tests/, .ci/ or the \
                 Makefile (remove it)",
                e.program
            ));
        }
    }

    // 2. setup.sh installs each one.
    let apt = apt_packages(setup);
    let components = setup_rustup_components(setup);
    for e in &entries {
        let (p, w) = (&e.program, &e.what);
        let missing = match e.how {
            How::Apt if !apt.contains(w) => {
                format!("its apt package {w} is not in APT_PACKAGES of {SETUP}")
            }
            How::Cargo if !setup_cargo_installs(setup, w) => {
                format!("{SETUP} has no `cargo install {w}`")
            }
            How::Rustup if !components.contains(w) => {
                format!("{SETUP} does not `rustup component add {w}`")
            }
            How::Npm if !setup_runs_npm_ci(setup) => {
                format!("{SETUP} does not run `npm ci` (npm package {w})")
            }
            How::Npm if !package_json_lists(root, w) => {
                format!("npm package {w} is not in tests/e2e/package.json")
            }
            How::Pip if !setup_pip_installs(setup, w) => {
                format!("{SETUP} has no `pip install {w}`")
            }
            _ => continue,
        };
        problems.push(format!("{p}: {missing}"));
    }

    // 3. On this machine: found, and from the package the list says.
    let programs: Vec<&str> = entries.iter().map(|e| e.program.as_str()).collect();
    let paths = resolve(root, &programs);
    let mut all = BTreeSet::new();
    for e in entries
        .iter()
        .filter(|e| matches!(e.how, How::Apt | How::Base))
    {
        for path in paths.get(&e.program).into_iter().flatten() {
            all.extend(dpkg_candidates(path));
        }
    }
    let owners = dpkg_owners(&all);
    // The first copy on PATH that a package owns, and its packages. A copy before it that no
    // package owns is a wrapper of the machine's (this image puts one for convert in
    // /usr/local/bin that hands over to ImageMagick's); what matters is the package's copy.
    let owner_of = |program: &str| -> Option<(&PathBuf, Vec<String>)> {
        paths.get(program)?.iter().find_map(|path| {
            let pkgs = dpkg_candidates(path)
                .iter()
                .find_map(|c| owners.get(c))?
                .clone();
            Some((path, pkgs))
        })
    };
    let mut packages: BTreeSet<String> = owners.values().flatten().cloned().collect();
    packages.extend(
        entries
            .iter()
            .filter(|e| matches!(e.how, How::Apt | How::Base))
            .map(|e| e.what.clone()),
    );
    let info = dpkg_info(&packages);
    let cargo_bin = std::env::var("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from(std::env::var("HOME").unwrap_or_default()).join(".cargo"))
        .join("bin");
    let npm_bin = root.join("tests/e2e/node_modules/.bin");
    for e in &entries {
        let (p, w) = (&e.program, &e.what);
        let Some(path) = paths.get(p).and_then(|v| v.first()) else {
            problems.push(format!(
                "{p}: not found on PATH (after scripts/env.sh): {} {w}, run {SETUP}",
                how_name(e.how)
            ));
            continue;
        };
        let shown = path.display();
        match (e.how, owner_of(p)) {
            (How::Apt | How::Base, None) => problems.push(format!(
                "{p}: {shown} belongs to no Debian package (dpkg -S), but {LIST} says {} {w}",
                how_name(e.how)
            )),
            (How::Apt, Some((path, owner))) => {
                let deps = info.get(w).map(|i| &i.depends);
                if !owner
                    .iter()
                    .any(|o| o == w || deps.is_some_and(|d| d.contains(o)))
                {
                    problems.push(format!(
                        "{p}: {} is from package {} (dpkg -S), which is neither {w} nor one of \
                         its dependencies",
                        path.display(),
                        owner.join(", ")
                    ));
                }
            }
            (How::Base, Some((path, owner))) => {
                if !owner.iter().any(|o| o == w) {
                    problems.push(format!(
                        "{p}: {} is from package {} (dpkg -S), not {w}",
                        path.display(),
                        owner.join(", ")
                    ));
                } else if let Some(i) = info.get(w) {
                    if !i.essential && i.priority != "required" {
                        problems.push(format!(
                            "{p}: package {w} is neither Essential nor Priority required \
                             (priority {}), so not on every Debian: list it as apt and add it \
                             to APT_PACKAGES",
                            i.priority
                        ));
                    }
                } else {
                    problems.push(format!("{p}: dpkg-query knows no package {w}"));
                }
            }
            (How::Cargo | How::Rustup, _) if !path.starts_with(&cargo_bin) => {
                problems.push(format!(
                    "{p}: found at {shown}, not in {} where cargo/rustup put it",
                    cargo_bin.display()
                ));
            }
            (How::Npm, _) if !path.starts_with(&npm_bin) => {
                problems.push(format!(
                    "{p}: found at {shown}, not in tests/e2e/node_modules/.bin where npm ci \
                     puts it"
                ));
            }
            _ => {}
        }
    }
    problems
}

fn how_name(how: How) -> &'static str {
    match how {
        How::Apt => "apt package",
        How::Base => "base package",
        How::Cargo => "cargo install",
        How::Rustup => "rustup component",
        How::Npm => "npm package",
        How::Pip => "pip package",
        How::Machine => "machine:",
    }
}

fn read(rel: &str) -> String {
    fs::read_to_string(Path::new(ROOT).join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn report(problems: &[String]) -> String {
    problems.iter().map(|p| format!("  {p}\n")).collect()
}

#[test]
fn every_program_called_is_listed_and_installed_by_setup() {
    let problems = check(Path::new(ROOT), &read(SETUP), &read(LIST));
    let (entries, _) = parse_list(&read(LIST));
    assert!(
        problems.is_empty(),
        "{} problem(s) with the programs the tests and scripts call:\n{}",
        problems.len(),
        report(&problems)
    );
    println!(
        "programs checked: {} (every one listed in {LIST} and installed)",
        entries.len()
    );
}

/// The issue's "done when": take poppler-utils out of setup.sh's list and the check names
/// pdftoppm and pdftotext.
#[test]
fn removing_poppler_utils_from_setup_is_caught() {
    let setup = read(SETUP);
    assert!(apt_packages(&setup).contains("poppler-utils"));
    let without: String = setup
        .lines()
        .map(|l| {
            let code = strip_comment(l);
            let kept: Vec<&str> = code.split(' ').filter(|w| *w != "poppler-utils").collect();
            format!("{}{}\n", kept.join(" "), &l[code.len()..])
        })
        .collect();
    assert!(!apt_packages(&without).contains("poppler-utils"));
    let problems = check(Path::new(ROOT), &without, &read(LIST));
    println!(
        "with poppler-utils removed from {SETUP}:\n{}",
        report(&problems)
    );
    for program in ["pdftoppm", "pdftotext"] {
        assert!(
            problems
                .iter()
                .any(|p| p.starts_with(&format!("{program}: ")) && p.contains("poppler-utils")),
            "{program} not reported:\n{}",
            report(&problems)
        );
    }
}

/// A program dropped from the list is reported with the file that calls it.
#[test]
fn an_unlisted_program_is_caught_with_its_caller() {
    let list: String = read(LIST)
        .lines()
        .filter(|l| l.split_whitespace().next() != Some("pdftoppm"))
        .map(|l| format!("{l}\n"))
        .collect();
    let problems = check(Path::new(ROOT), &read(SETUP), &list);
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("pdftoppm: called in ")
                && p.contains("tests/e2e/emergency.test.mjs")),
        "{}",
        report(&problems)
    );
}

fn programs_of(shell: &str) -> BTreeSet<String> {
    let mut sink = Sink::default();
    shell_str(shell, &mut sink);
    let funcs = sink.functions.clone();
    sink.programs
        .into_iter()
        .filter(|p| !funcs.contains(p))
        .collect()
}

#[test]
fn shell_command_words_are_found() {
    let script = r#"set -euo pipefail
helper() { printf '%s\n' "$(uname -r)" | sort -n; }
X=1 Y="$(tr -dc '0-9' <"$f")" alpha --flag 2>&1 | beta && gamma || { delta; }
for tool in one two; do command -v "$tool" >/dev/null || exit 1; done
for i in $(seq 1 3); do echo "$i"; done
case "$MODE" in
  quick) RUNS=1 ;;
  *) epsilon "$MODE" ;;
esac
arr=(not_a_command "$(zeta)")
n=$(( $(eta +%s) / 2 ))
exec env A=1 dbus-run-session -- theta "$0"
$SUDO iota install -y pkg
"$fn" not_this
scripts/own.sh
python3 - "$x" <<'PY'
import subprocess
subprocess.run(["kappa", "x"])
PY
cat <<EOF
echo lambda
$(mu)
EOF
while read -r m; do nu "$m"; done < <(xi /proc/mounts)
cargo fmt --check && cargo build && cargo +stable fuzz run
export CC_x=omicron
trap 'pi; exit 130' INT
[[ -n "$x" && -z "$y" ]] && rho
if ! sigma; then tau; fi
helper
"#;
    let found = programs_of(script);
    let want: BTreeSet<String> =
        "uname sort tr alpha beta gamma delta one two seq epsilon zeta eta env \
         dbus-run-session theta iota python3 kappa cat mu nu xi cargo cargo-fmt \
         cargo-fuzz omicron pi rho sigma tau"
            .split_whitespace()
            .map(str::to_string)
            .collect();
    assert_eq!(
        found,
        want,
        "missing: {:?}, extra: {:?}",
        want.difference(&found),
        found.difference(&want)
    );
}
