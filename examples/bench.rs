//! The rescore benchmark (issue 7). Generates N synthetic assessments with random valid
//! answers to the embedded reference framework in a temporary folder, then measures, as whole
//! processes, wall time and peak memory (GNU time's maximum resident set size) of:
//! (a) `coopai rescore DIR --framework NEW --format csv` (output to /dev/null), and
//! (b) the parse-only baseline (examples/parse_only.rs): read and deserialize the same files
//!     with the toml crate and nothing else, on one thread and on two;
//! (c) for up to 1,000 files, `coopai register DIR -o SITE` into a new folder, and again over
//!     it with nothing changed, each run in turn with the rescore of (a);
//! and `coopai score` on one assessment against `coopai --version`; and `coopai score` on
//! one lead assessment with 10,000 and 100,000 residents' responses beside it, against the
//! parse-only baseline on the responses folder.
//!
//! Run it with `scripts/bench.sh [N ...]` (default 1000 10000 100000), which builds the
//! release binaries first. Figures go in docs/performance.md.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use coopai::assessment::{Answer, Assessment, FrameworkRef, Meta, Status, Value, to_toml};
use coopai::framework::{Framework, QuestionKind, embedded, load::EMBEDDED_TEXT};

/// The register (a site of two pages a file) is measured for counts up to this one only.
const REGISTER_UP_TO: usize = 1_000;

/// Runs of each measurement; the median wall time and the largest peak memory are reported.
const RUNS: usize = 3;

/// splitmix64: a tiny deterministic generator, so every run benchmarks the same files.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

fn random_value(q: &coopai::framework::Question, rng: &mut Rng, i: usize) -> Option<Value> {
    Some(match q.kind {
        QuestionKind::Single | QuestionKind::YesNo => {
            Value::Choice(q.options.get(rng.below(q.options.len()))?.id.clone())
        }
        QuestionKind::Multiple => {
            let mut chosen: Vec<String> = q
                .options
                .iter()
                .filter(|_| rng.chance(50))
                .map(|o| o.id.clone())
                .collect();
            if chosen.is_empty() {
                chosen.push(q.options.get(rng.below(q.options.len()))?.id.clone());
            }
            Value::Choices(chosen)
        }
        QuestionKind::Scale => {
            let s = q.scale.as_ref()?;
            Value::Number((s.min + rng.below((s.max - s.min + 1) as usize) as i64) as f64)
        }
        QuestionKind::Number => {
            let spec = q.number.as_ref()?;
            let lo_bound = spec.min.unwrap_or(0.0);
            let hi_bound = spec.max.unwrap_or(f64::MAX);
            let (lo, hi) = if spec.ranges.is_empty() {
                (lo_bound, lo_bound + 1000.0)
            } else {
                let k = rng.below(spec.ranges.len());
                let lo = spec.ranges[k].at_least.max(lo_bound);
                let hi = spec.ranges.get(k + 1).map_or(lo + 1000.0, |r| r.at_least);
                (lo, hi)
            };
            let v = (lo + (hi - lo) * (rng.below(1000) as f64 / 1000.0))
                .floor()
                .clamp(lo_bound, hi_bound);
            Value::Number(v)
        }
        QuestionKind::Text => Value::Text(format!("Synthetic answer {i} to {}.", q.id)),
    })
}

/// One synthetic assessment: most questions answered, only those that apply kept.
fn synthetic(fw: &Framework, i: usize, rng: &mut Rng) -> Assessment {
    let mut answers = BTreeMap::new();
    for q in &fw.questions {
        let answer_it = if q.required {
            rng.chance(95)
        } else {
            rng.chance(50)
        };
        if let (true, Some(value)) = (answer_it, random_value(q, rng, i)) {
            let evidence = format!(
                "Synthetic evidence {i} for {}: minutes, policy and supplier documents.",
                q.id
            );
            answers.insert(q.id.clone(), Answer { value, evidence });
        }
    }
    let mut a = Assessment {
        meta: Meta {
            council: format!("Synthetic Council {}", i % 97),
            system: format!("Synthetic system {i}"),
            description: "A generated assessment for the rescore benchmark.".to_string(),
            assessor: "Benchmark".to_string(),
            date: "2026-11-23".to_string(),
            status: Status::Final,
            service: [
                "Adult social care",
                "Housing",
                "Revenues and benefits",
                "Planning",
            ][i % 4]
                .to_string(),
            ..Meta::default()
        },
        framework: Some(FrameworkRef::of(fw)),
        answers,
        ..Assessment::default()
    };
    let applies = coopai::assessment::applicability(fw, &a);
    a.answers
        .retain(|id, _| fw.question_index(id).is_some_and(|k| applies[k]));
    a
}

fn generate(fw: &Framework, dir: &Path, n: usize) -> std::io::Result<u64> {
    std::fs::create_dir_all(dir)?;
    let mut rng = Rng(7);
    let mut bytes = 0;
    for i in 0..n {
        let text = to_toml(fw, &synthetic(fw, i, &mut rng));
        bytes += text.len() as u64;
        std::fs::write(dir.join(format!("assessment-{i:06}.toml")), text)?;
    }
    Ok(bytes)
}

/// A lead assessment and `n` residents' responses in `<lead>.responses/`: random valid answers
/// to the questions the residents' role is asked that apply to the lead, every one answered.
/// Returns the lead file and the responses folder.
fn generate_responses(fw: &Framework, dir: &Path, n: usize) -> std::io::Result<(PathBuf, PathBuf)> {
    std::fs::create_dir_all(dir)?;
    let mut rng = Rng(11);
    let lead = synthetic(fw, 0, &mut rng);
    let lead_path = dir.join("lead.toml");
    std::fs::write(&lead_path, to_toml(fw, &lead))?;
    let folder = dir.join("lead.responses");
    std::fs::create_dir_all(&folder)?;
    let applies = coopai::assessment::applicability(fw, &lead);
    let asked: Vec<&coopai::framework::Question> = fw
        .questions_for("residents")
        .filter(|q| q.roles.iter().any(|r| r == "residents"))
        .filter(|q| fw.question_index(&q.id).is_some_and(|k| applies[k]))
        .collect();
    for i in 0..n {
        let mut text = format!(
            "[respondent]\nrole = \"residents\"\npseudonym = \"Resident {i}\"\n\n[framework]\nid = \"{}\"\nversion = \"{}\"\nsha256 = \"{}\"\n",
            fw.id, fw.version, fw.sha256
        );
        for q in &asked {
            let value = match random_value(q, &mut rng, i) {
                Some(v) => v,
                None => continue,
            };
            let answer = match value {
                Value::Choice(id) => format!("\"{id}\""),
                Value::Choices(ids) => format!(
                    "[{}]",
                    ids.iter()
                        .map(|id| format!("\"{id}\""))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                Value::Number(x) => format!("{x}"),
                Value::Text(t) => format!("\"{t}\""),
                Value::NotKnown => continue,
            };
            text.push_str(&format!(
                "\n[answers.{}]\nanswer = {answer}\nevidence = \"\"\n",
                q.id
            ));
        }
        std::fs::write(folder.join(format!("resident-{i:06}.toml")), text)?;
    }
    Ok((lead_path, folder))
}

struct Measured {
    wall: f64,
    rss_kib: u64,
}

/// Runs a command under GNU time: wall time from here, peak RSS from time's `%M`.
fn measure(program: &Path, args: &[&str]) -> Result<Measured, String> {
    let start = Instant::now();
    let out = Command::new("/usr/bin/time")
        .args(["-f", "PEAK_RSS_KIB %M"])
        .arg(program)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .map_err(|e| format!("cannot run /usr/bin/time (apt-get install time): {e}"))?;
    let wall = start.elapsed().as_secs_f64();
    let stderr = String::from_utf8_lossy(&out.stderr);
    if !out.status.success() {
        return Err(format!(
            "{} {} failed:\n{stderr}",
            program.display(),
            args.join(" ")
        ));
    }
    let rss_kib = stderr
        .lines()
        .rev()
        .find_map(|l| l.strip_prefix("PEAK_RSS_KIB ")?.trim().parse().ok())
        .ok_or_else(|| format!("no peak memory in GNU time's output:\n{stderr}"))?;
    Ok(Measured { wall, rss_kib })
}

/// Median wall time and largest peak memory over `RUNS` runs.
fn repeat(program: &Path, args: &[&str]) -> Result<Measured, String> {
    let runs = (0..RUNS)
        .map(|_| measure(program, args))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(summarise(runs))
}

/// The median wall time and the largest peak memory of some runs.
fn summarise(mut runs: Vec<Measured>) -> Measured {
    runs.sort_by(|a, b| a.wall.total_cmp(&b.wall));
    let rss_kib = runs.iter().map(|r| r.rss_kib).max().unwrap_or(0);
    Measured {
        wall: runs.get(runs.len() / 2).map_or(0.0, |r| r.wall),
        rss_kib,
    }
}

/// Runs of the register and of the rescore it is compared with, taken in turn.
const REGISTER_RUNS: usize = 5;

/// The register of `dir` measured as a new site (a fresh folder each run) and as a rebuild
/// of that site with nothing changed, each run in turn with a rescore of the same folder so
/// that a change in the machine's load affects all three alike. Returns (rescore, new site,
/// rebuild).
fn register_runs(
    coopai: &Path,
    rescore_args: &[&str],
    dir: &str,
    sites: &Path,
) -> Result<(Measured, Measured, Measured), String> {
    let (mut rescore, mut fresh, mut rebuild) = (Vec::new(), Vec::new(), Vec::new());
    for run in 0..REGISTER_RUNS {
        rescore.push(measure(coopai, rescore_args)?);
        let site = sites.join(format!("site{run}"));
        let s = site.to_str().unwrap_or_default();
        fresh.push(measure(coopai, &["register", dir, "-o", s])?);
        rebuild.push(measure(coopai, &["register", dir, "-o", s])?);
    }
    // Removed only after every run: ext4 can be several times slower to create files just
    // after many were deleted (it looks for inodes not recently freed), which is not the
    // state of a folder a register is published into.
    std::fs::remove_dir_all(sites).map_err(|e| e.to_string())?;
    Ok((summarise(rescore), summarise(fresh), summarise(rebuild)))
}

/// Runs of each short command, taken in turn with the other so that a change in the
/// machine's load during the measurement affects both alike.
const QUICK_RUNS: usize = 200;

/// Median wall times of short commands, each run [`QUICK_RUNS`] times in turn, timed from
/// here.
fn quick<const N: usize>(program: &Path, commands: [&[&str]; N]) -> Result<[f64; N], String> {
    let mut times: [Vec<f64>; N] = std::array::from_fn(|_| Vec::with_capacity(QUICK_RUNS));
    for _ in 0..QUICK_RUNS {
        for (args, times) in commands.iter().zip(&mut times) {
            let start = Instant::now();
            let status = Command::new(program)
                .args(*args)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .map_err(|e| e.to_string())?;
            times.push(start.elapsed().as_secs_f64());
            if !status.success() {
                return Err(format!("{} {} failed", program.display(), args.join(" ")));
            }
        }
    }
    Ok(times.map(|mut t| {
        t.sort_by(f64::total_cmp);
        t[t.len() / 2]
    }))
}

fn mib(kib: u64) -> String {
    format!("{:.1}", kib as f64 / 1024.0)
}

fn main() -> Result<(), String> {
    let counts: Vec<usize> = {
        let given: Vec<usize> = std::env::args()
            .skip(1)
            .take_while(|a| a != "--generate")
            .filter_map(|a| a.replace([',', '_'], "").parse().ok())
            .collect();
        if given.is_empty() {
            vec![1_000, 10_000, 100_000]
        } else {
            given
        }
    };
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    // Beside this example, in the same build (whatever CARGO_TARGET_DIR says): examples/ is
    // inside the profile's folder, which holds the coopai binary.
    let examples = std::env::current_exe()
        .map_err(|e| e.to_string())?
        .parent()
        .map(Path::to_path_buf)
        .ok_or("cannot find the folder of this example")?;
    let coopai = examples.join("../coopai");
    let parse_only = examples.join("parse_only");
    for bin in [&coopai, &parse_only] {
        if !bin.exists() {
            return Err(format!(
                "{} is missing: run scripts/bench.sh, which builds it",
                bin.display()
            ));
        }
    }
    let fw = embedded();
    // `--generate DIR N`: only write N synthetic assessments to DIR (for profiling by hand).
    let args: Vec<String> = std::env::args().collect();
    if let (Some("--generate"), Some(dir), Some(n)) =
        (args.get(1).map(String::as_str), args.get(2), args.get(3))
    {
        let n = n.parse().map_err(|_| format!("not a count: {n}"))?;
        generate(&fw, Path::new(dir), n).map_err(|e| e.to_string())?;
        return Ok(());
    }
    let tmp = tempfile::tempdir().map_err(|e| e.to_string())?;
    // The new framework: the same content under a new version number, so every file is
    // scored twice (against its baseline and against the new framework).
    let old_path = tmp.path().join("framework-old.toml");
    let new_path = tmp.path().join("framework-new.toml");
    let bumped = EMBEDDED_TEXT.replacen(
        &format!("version = \"{}\"", fw.version),
        "version = \"99.0.0\"",
        1,
    );
    std::fs::write(&old_path, EMBEDDED_TEXT).map_err(|e| e.to_string())?;
    std::fs::write(&new_path, bumped).map_err(|e| e.to_string())?;
    let new = new_path.to_str().unwrap_or_default().to_string();

    println!(
        "Framework: {} {} ({} questions), {} runs each, median wall time, largest peak RSS.\n",
        fw.id,
        fw.version,
        fw.questions.len(),
        RUNS
    );
    println!(
        "| files | data | rescore | rescore peak RSS | parse-only, 1 thread | parse-only, 2 threads | parse-only peak RSS | rescore / parse-only 1 thread | rescore / parse-only 2 threads |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    let mut peaks = BTreeMap::new();
    let mut ratios = BTreeMap::new();
    let mut registers = BTreeMap::new();
    for &n in &counts {
        let dir = tmp.path().join(format!("n{n}"));
        let bytes = generate(&fw, &dir, n).map_err(|e| e.to_string())?;
        let d = dir.to_str().unwrap_or_default();
        // Warm the page cache once, so every measurement reads from memory alike.
        measure(&parse_only, &[d])?;
        let rescore = repeat(
            &coopai,
            &["rescore", d, "--framework", &new, "--format", "csv"],
        )?;
        let parse1 = repeat(&parse_only, &[d])?;
        let parse2 = repeat(&parse_only, &[d, "--threads", "2"])?;
        println!(
            "| {n} | {:.1} MiB | {:.2} s | {} MiB | {:.2} s | {:.2} s | {} MiB | {:.2}x | {:.2}x |",
            bytes as f64 / 1048576.0,
            rescore.wall,
            mib(rescore.rss_kib),
            parse1.wall,
            parse2.wall,
            mib(parse1.rss_kib.max(parse2.rss_kib)),
            rescore.wall / parse1.wall,
            rescore.wall / parse2.wall,
        );
        peaks.insert(n, rescore.rss_kib);
        ratios.insert(n, (rescore.wall / parse1.wall, rescore.wall / parse2.wall));
        if n <= REGISTER_UP_TO {
            // The whole site, one report and case study a file.
            let rescore_args = ["rescore", d, "--framework", &new, "--format", "csv"];
            let sites = tmp.path().join(format!("sites{n}"));
            registers.insert(n, register_runs(&coopai, &rescore_args, d, &sites)?);
        }
        std::fs::remove_dir_all(&dir).map_err(|e| e.to_string())?;
    }

    if !registers.is_empty() {
        println!(
            "\nRegister and rescore, {REGISTER_RUNS} runs each in turn, median wall time:\n\n| files | rescore | register, new site | peak RSS | register / rescore | rebuild, nothing changed | rebuild / rescore |\n|---:|---:|---:|---:|---:|---:|---:|"
        );
        for (n, (rescore, fresh, rebuild)) in &registers {
            println!(
                "| {n} | {:.2} s | {:.2} s | {} MiB | {:.2}x | {:.2} s | {:.2}x |",
                rescore.wall,
                fresh.wall,
                mib(fresh.rss_kib.max(rebuild.rss_kib)),
                fresh.wall / rescore.wall,
                rebuild.wall,
                rebuild.wall / rescore.wall
            );
        }
    }

    // One assessment, scored as a user would: the whole process, embedded framework. A worked
    // assessment from assessments/ when there is one that scores, else a synthetic one.
    let synthetic_one = tmp.path().join("one.toml");
    std::fs::write(
        &synthetic_one,
        to_toml(&fw, &synthetic(&fw, 0, &mut Rng(7))),
    )
    .map_err(|e| e.to_string())?;
    let mut worked: Vec<PathBuf> = std::fs::read_dir(root.join("assessments"))
        .map(|d| {
            d.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "toml"))
                .collect()
        })
        .unwrap_or_default();
    worked.sort();
    let scores = |p: &Path| {
        Command::new(&coopai)
            .arg("score")
            .arg(p)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    };
    let one = match worked.into_iter().find(|p| scores(p)) {
        Some(p) => {
            println!(
                "\nOne assessment: {}",
                p.strip_prefix(&root).unwrap_or(&p).display()
            );
            p
        }
        None => {
            println!(
                "\nOne assessment: a synthetic one (no worked assessment under assessments/ yet)"
            );
            synthetic_one
        }
    };
    let one = one.to_str().unwrap_or_default();
    let [version, score] = quick(&coopai, [&["--version"], &["score", one, "--no-responses"]])?;
    println!("\n| command ({QUICK_RUNS} runs each, in turn, median) | wall |\n|---|---:|");
    println!("| `coopai --version` | {:.1} ms |", version * 1000.0);
    println!("| `coopai score ONE.toml` | {:.1} ms |", score * 1000.0);

    println!("\nTargets:");
    if let Some((r1, r2)) = ratios.get(&10_000) {
        println!(
            "- rescore at 10,000 files: {r1:.2}x parse-only on 1 thread, {r2:.2}x on 2 threads (target at most 1.5x): {}",
            verdict(*r1 <= 1.5)
        );
    }
    if let (Some(a), Some(b)) = (peaks.get(&10_000), peaks.get(&100_000)) {
        let r = *b as f64 / *a as f64;
        println!(
            "- peak memory 100,000 / 10,000 files: {r:.2}x (target at most 1.3x): {}",
            verdict(r <= 1.3)
        );
    }
    if let Some((rescore, fresh, _)) = registers.get(&1_000) {
        let r = fresh.wall / rescore.wall;
        println!(
            "- register of 1,000 files (a new site) / rescore: {r:.2}x (target at most 3x): {}",
            verdict(r <= 3.0)
        );
    }
    let r = score / version;
    println!(
        "- score one assessment / --version: {r:.2}x (target at most 2x): {}",
        verdict(r <= 2.0)
    );

    // Responses: one lead file with 10,000 and 100,000 residents' responses beside it.
    println!(
        "\n| residents' responses | score the lead file | peak RSS | parse-only the responses, 1 thread | score / parse-only |\n|---:|---:|---:|---:|---:|"
    );
    let mut response_peaks = BTreeMap::new();
    let mut response_ratio = None;
    for n in [10_000, 100_000] {
        let dir = tmp.path().join(format!("responses{n}"));
        let (lead, folder) = generate_responses(&fw, &dir, n).map_err(|e| e.to_string())?;
        let (lead, folder) = (
            lead.to_str().unwrap_or_default().to_string(),
            folder.to_str().unwrap_or_default().to_string(),
        );
        measure(&parse_only, &[&folder])?;
        let scored = repeat(&coopai, &["score", &lead, "--format", "json"])?;
        let parsed = repeat(&parse_only, &[&folder])?;
        println!(
            "| {n} | {:.2} s | {} MiB | {:.2} s | {:.2}x |",
            scored.wall,
            mib(scored.rss_kib),
            parsed.wall,
            scored.wall / parsed.wall
        );
        response_peaks.insert(n, scored.rss_kib);
        if n == 10_000 {
            response_ratio = Some(scored.wall / parsed.wall);
        }
        std::fs::remove_dir_all(&dir).map_err(|e| e.to_string())?;
    }
    if let Some(r) = response_ratio {
        println!(
            "- score with 10,000 responses: {r:.2}x parse-only on 1 thread (target at most 1.5x): {}",
            verdict(r <= 1.5)
        );
    }
    if let (Some(a), Some(b)) = (response_peaks.get(&10_000), response_peaks.get(&100_000)) {
        let r = *b as f64 / *a as f64;
        println!(
            "- peak memory 100,000 / 10,000 responses: {r:.2}x (target at most 1.3x): {}",
            verdict(r <= 1.3)
        );
    }
    Ok(())
}

fn verdict(met: bool) -> &'static str {
    if met { "met" } else { "MISSED" }
}
